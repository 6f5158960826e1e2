import { readFileSync } from 'node:fs';
import { parseFlow } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { fromFlowDoc } from '../model/flow-doc';
import { handlesOf } from './node-geometry';

const nodesOf = (file: string) => {
  const r = parseFlow(
    JSON.parse(readFileSync(new URL(`../../../examples/${file}`, import.meta.url), 'utf8')),
  );
  if (!r.ok) throw new Error(`${file} is invalid`);
  return fromFlowDoc(r.flow).nodes;
};
const sides = (node: Parameters<typeof handlesOf>[0]) =>
  handlesOf(node).map((h) => `${h.type}:${h.id ?? 'plain'}`);

describe('handlesOf, from the kind metadata', () => {
  it('gives a producer an output only, and topics, filters and consumers both sides', () => {
    const byKind = new Map(nodesOf('content-routing.flow.json').map((n) => [n.type, sides(n)]));
    expect(byKind.get('producer')).toEqual(['source:plain']);
    for (const kind of ['topic', 'filter', 'consumer'] as const)
      expect(byKind.get(kind)).toEqual(['target:plain', 'source:plain']);
  });

  it('gives a router an input and one output per route, no plain output', () => {
    const router = nodesOf('routing-by-key.flow.json').find((n) => n.type === 'router');
    if (router?.type !== 'router') throw new Error('routing-by-key has a router');
    const routes = router.data.config.rules.map((r) => `source:${r.id}`);
    expect(sides(router)).toEqual(['target:plain', ...routes, 'source:default']);
  });
});
