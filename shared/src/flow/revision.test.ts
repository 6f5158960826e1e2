import { describe, expect, test } from 'vitest';
import { parseFlow } from './parse.js';
import { flowRevision, topologyKey } from './revision.js';
import type { FlowDoc } from './schema.js';

const doc = (): FlowDoc => {
  const r = parseFlow({
    format: 'eventflow.flow',
    version: 1,
    name: 'pipe',
    nodes: [
      { id: 'p', kind: 'producer', config: { eventType: 'A', rate: 5 } },
      { id: 't', kind: 'topic', config: { partitions: 2 } },
      { id: 'c', kind: 'consumer', config: {} },
    ],
    edges: [
      { id: 'p-t', source: 'p', target: 't' },
      { id: 't-c', source: 't', target: 'c' },
    ],
  });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.flow;
};

describe('flowRevision', () => {
  test('ignores name, labels and positions but not config', () => {
    const a = doc();
    const moved = { ...a, name: 'renamed', nodes: a.nodes.map((n) => ({ ...n, position: { x: 9, y: 9 } })) };
    expect(flowRevision(moved)).toBe(flowRevision(a));
    const faster = {
      ...a,
      nodes: a.nodes.map((n) => (n.kind === 'producer' ? { ...n, config: { ...n.config, rate: 6 } } : n)),
    };
    expect(flowRevision(faster)).not.toBe(flowRevision(a));
    expect(flowRevision(a)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('topologyKey', () => {
  test('a live-applicable config edit keeps the topology', () => {
    const a = doc();
    const faster = {
      ...a,
      nodes: a.nodes.map((n) => (n.kind === 'producer' ? { ...n, config: { ...n.config, rate: 50 } } : n)),
    };
    expect(topologyKey(faster)).toBe(topologyKey(a));
  });

  test('partitions, scheduled outages, groups, nodes and edges are topology', () => {
    const a = doc();
    const base = topologyKey(a);
    const repartitioned = {
      ...a,
      nodes: a.nodes.map((n) => (n.kind === 'topic' ? { ...n, config: { ...n.config, partitions: 3 } } : n)),
    };
    const regrouped = {
      ...a,
      nodes: a.nodes.map((n) => (n.kind === 'consumer' ? { ...n, config: { ...n.config, group: 'g2' } } : n)),
    };
    const outaged = {
      ...a,
      nodes: a.nodes.map((n) =>
        n.kind === 'topic' ? { ...n, config: { ...n.config, outages: [{ at: 10, for: 5 }] } } : n,
      ),
    };
    const unwired = { ...a, edges: a.edges.slice(0, 1) };
    const fewer = { ...a, nodes: a.nodes.slice(0, 2), edges: a.edges.slice(0, 1) };
    for (const changed of [repartitioned, regrouped, outaged, unwired, fewer])
      expect(topologyKey(changed)).not.toBe(base);
  });
});
