import { describe, expect, it } from 'vitest';
import { parseFlow } from './parse.js';

const base = (edges: Record<string, unknown>[], consumer: Record<string, unknown> = {}) => ({
  format: 'eventflow.flow',
  version: 1,
  name: 'q',
  nodes: [
    { id: 'p', kind: 'producer', config: { eventType: 'OrderPlaced', payload: '{"orderId": "o-1"}' } },
    { id: 'store', kind: 'event-store', config: { aggregateId: 'data.orderId' } },
    { id: 'orders', kind: 'projection', config: { initial: '{}', reducer: 'state' } },
    { id: 'other', kind: 'projection', config: { initial: '{}', reducer: 'state' } },
    { id: 't', kind: 'topic', config: {} },
    { id: 'c', kind: 'consumer', config: consumer },
  ],
  edges: [
    { id: 'p-store', source: 'p', target: 'store' },
    { id: 'store-orders', source: 'store', target: 'orders' },
    { id: 'store-other', source: 'store', target: 'other' },
    { id: 'p-t', source: 'p', target: 't' },
    { id: 't-c', source: 't', target: 'c' },
    ...edges,
  ],
});
const problems = (doc: unknown) => {
  const r = parseFlow(doc);
  return r.ok
    ? r.warnings.map((p) => `${p.path}: ${p.message}`)
    : r.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('query edges', () => {
  it('accept a projection → consumer read with a typed key', () => {
    const r = parseFlow(
      base([{ id: 'q', source: 'orders', target: 'c', role: 'query', query: { key: 'data.orderId' } }]),
    );
    expect(r.ok).toBe(true);
  });

  it('refuse a plain edge from a projection to a consumer, and a query between other kinds', () => {
    expect(problems(base([{ id: 'q', source: 'orders', target: 'c' }]))).toEqual([
      'edges[5]: a projection is read, not published from: make the edge a query (the consumer reads a row while it processes)',
    ]);
    expect(problems(base([{ id: 'q', source: 't', target: 'c', role: 'query' }]))).toEqual([
      'edges[5]: a query edge must go from a projection to the consumer that reads it',
    ]);
  });

  it('type the key like an aggregate id, over the consumed event', () => {
    const out = problems(
      base([{ id: 'q', source: 'orders', target: 'c', role: 'query', query: { key: 'data.orderId > 1' } }]),
    );
    expect(out.some((p) => p.startsWith('edges[5].query.key: '))).toBe(true);
  });

  it('let a consumer read one projection only', () => {
    const out = problems(
      base([
        { id: 'q1', source: 'orders', target: 'c', role: 'query' },
        { id: 'q2', source: 'other', target: 'c', role: 'query' },
      ]),
    );
    expect(out).toContain(
      "edges[6]: consumer 'c' already reads projection 'orders' (edges[5]): a consumer reads one projection",
    );
  });

  it('warn when an emit reads row but the consumer reads no projection', () => {
    const doc = base([], { emits: [{ eventType: 'X', payload: '{"s": row.status}' }] });
    expect(problems(doc)).toContain(
      "nodes[5].config.emits[0].payload: consumer 'c' reads no projection, so row is always null: draw a query edge from a projection to it",
    );
  });

  it('let a topic feed a projection, but not a store and a topic together', () => {
    const doc = base([{ id: 't-orders', source: 't', target: 'orders' }]);
    expect(problems(doc)).toContain(
      "nodes[2]: projection 'orders' reads event-store 'store' and topic 't': a projection reads one source",
    );
    const alone = base([{ id: 't-orders', source: 't', target: 'orders' }]);
    alone.edges = alone.edges.filter((e) => e.id !== 'store-orders');
    expect(parseFlow(alone).ok).toBe(true);
  });
});
