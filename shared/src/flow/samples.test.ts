import { describe, expect, test } from 'vitest';
import { celScopeAt, upstreamSamples } from './samples.js';
import { readLoose } from './loose-flow.js';

const flow = {
  nodes: [
    {
      id: 'shop',
      kind: 'producer',
      config: { eventType: 'OrderPlaced', payload: '{"total": seq * 50}', key: '"c" + string(seq)' },
    },
    { id: 'orders', kind: 'topic', config: {} },
    { id: 'big', kind: 'filter', config: { expression: 'data.total > 60' } },
    {
      id: 'bill',
      kind: 'consumer',
      config: { emits: [{ eventType: 'Billed', payload: '{"due": data.total * 2}' }] },
    },
    { id: 'billed', kind: 'topic', config: {} },
    { id: 'mail', kind: 'consumer', config: {} },
  ],
  edges: [
    { id: 'e1', source: 'shop', target: 'orders' },
    { id: 'e2', source: 'orders', target: 'big' },
    { id: 'e3', source: 'big', target: 'bill' },
    { id: 'e4', source: 'bill', target: 'billed' },
    { id: 'e5', source: 'billed', target: 'mail' },
  ],
};
const { nodes, edges } = readLoose(flow);

describe('upstream samples', () => {
  test("a filter's samples are the producer's payloads for seq 1..3, in CloudEvent envelopes with their key", () => {
    const samples = upstreamSamples(nodes, edges, 'big', 'filter');
    expect(samples.map((s) => [s.producer, s.seq, s.event.data, s.event.partitionkey, s.event.type])).toEqual(
      [
        ['shop', 1, { total: 50 }, 'c1', 'OrderPlaced'],
        ['shop', 2, { total: 100 }, 'c2', 'OrderPlaced'],
        ['shop', 3, { total: 150 }, 'c3', 'OrderPlaced'],
      ],
    );
  });

  test("past a consumer, samples are what its emits build from the consumer's input", () => {
    const samples = upstreamSamples(nodes, edges, 'mail', 'emit');
    expect(samples.map((s) => [s.event.type, s.event.data])).toEqual([
      ['Billed', { due: 100 }],
      ['Billed', { due: 200 }],
      ['Billed', { due: 300 }],
    ]);
  });

  test("a producer's key sees its own payload; nothing upstream gives no samples and no shape", () => {
    const key = celScopeAt(flow, 'shop', 'key');
    expect(key.samples.map((s) => s.event.data)).toEqual([{ total: 50 }, { total: 100 }, { total: 150 }]);
    expect(key.data).toEqual({ kind: 'map', fields: { total: { kind: 'double' } }, open: false });
    const alone = celScopeAt(
      { nodes: [{ id: 'f', kind: 'filter', config: { expression: 'true' } }], edges: [] },
      'f',
      'filter',
    );
    expect(alone).toEqual({ samples: [] });
  });
});
