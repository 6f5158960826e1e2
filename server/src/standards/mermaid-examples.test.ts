import { eventPathToMermaid, flowToMermaid, MERMAID_ID } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/index.js';
import { loadExampleFlows } from './test-examples.js';

const EXAMPLES = loadExampleFlows();

describe('Mermaid export of the examples', () => {
  it.each(EXAMPLES)('$file: one safe node per flow node and one arrow per edge', ({ flow }) => {
    const m = flowToMermaid(flow);
    const lines = m.split('\n');
    const nodes = lines.filter((l) => /^ {2}n_\w+[[({]/.test(l)).map((l) => l.trim().split(/[[({]/)[0] ?? '');
    expect(nodes).toHaveLength(flow.nodes.length);
    expect(new Set(nodes).size).toBe(flow.nodes.length);
    for (const id of nodes) expect(id).toMatch(MERMAID_ID);
    const arrows = lines.filter((l) => /^ {2}n_\w+ (-->|-\.->)/.test(l));
    expect(arrows).toHaveLength(flow.edges.length);
    // Each arrow joins the identifiers of its edge's ends, in the flow's edge order.
    flow.edges.forEach((e, i) => {
      const ends = arrows[i]?.trim().split(/\s+/);
      expect(nodes.indexOf(ends?.[0] ?? '')).toBe(flow.nodes.findIndex((n) => n.id === e.source));
      expect(nodes.indexOf(ends?.at(-1) ?? '')).toBe(flow.nodes.findIndex((n) => n.id === e.target));
    });
  });
});

describe('Mermaid sequence of a real run', () => {
  it('shows each attempt of a retried, dead-lettered event of the retries example', () => {
    const ex = EXAMPLES.find((x) => x.file === 'retries-dead-letter.flow.json');
    if (!ex) throw new Error('example missing');
    const engine = createEngine({ flow: ex.flow, seed: ex.flow.seed ?? 1 });
    engine.run();
    const hops = engine.trace.read(1, engine.trace.lastSeq());
    const dead = hops.find((h) => h.type === 'dead-lettered');
    if (!dead) throw new Error('the example dead-letters nothing');
    const m = eventPathToMermaid(ex.flow, engine.trace.path(dead.event).hops, dead.event);
    const deliveries = m.split('\n').filter((l) => l.includes(' delivered (group charger'));
    expect(deliveries.map((l) => /attempt (\d+)/.exec(l)?.[1])).toEqual(['1', '2', '3', '4']);
    expect(m).toMatch(
      /Note over n_charger: \+[\d,]+ ms dead-lettered \(attempt 4\): gave up after 4 attempts/,
    );
    expect(m).toMatch(/n_charger-->>n_charges_dlq: \+[\d,]+ ms published/);
    expect(m).toContain('participant n_dlq_inspector as DLQ Inspector');
  });
});
