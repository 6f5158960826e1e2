import { explainOutcome, parseFlow, type FlowDoc, type Hop } from '@eventflow/shared';
import { describe, expect, test } from 'vitest';
import { createEngine } from './engine.js';

const v1 = {
  type: 'object',
  properties: { orderId: { type: 'string' }, amount: { type: 'number' } },
  required: ['orderId', 'amount'],
};
const v2 = {
  type: 'object',
  properties: { orderId: { type: 'string' }, total: { type: 'number' } },
  required: ['orderId', 'total'],
};

/** Shop publishes OrderPlaced `publishes`; billing (2 attempts, a DLQ) reads `reads`, with `more` config. */
function orders(publishes: number, reads: number[] | undefined, more: Record<string, unknown> = {}): FlowDoc {
  const r = parseFlow({
    format: 'eventflow.flow',
    version: 1,
    name: 'schemas',
    schemas: [
      {
        eventType: 'OrderPlaced',
        compatibility: 'none',
        versions: [
          { version: 1, schema: v1 },
          { version: 2, schema: v2 },
        ],
      },
    ],
    nodes: [
      {
        id: 'shop',
        kind: 'producer',
        config: {
          eventType: 'OrderPlaced',
          schemaVersion: publishes,
          count: 3,
          rate: 10,
          payload:
            publishes === 1
              ? '{"orderId": "o" + string(seq), "amount": 10}'
              : '{"orderId": "o" + string(seq), "total": 10}',
        },
      },
      { id: 'orders', kind: 'topic', config: {} },
      {
        id: 'billing',
        kind: 'consumer',
        config: {
          maxAttempts: 2,
          backoffMs: 50,
          ...(reads ? { reads: [{ eventType: 'OrderPlaced', versions: reads }] } : {}),
          ...more,
        },
      },
      { id: 'dlq', kind: 'topic', config: {} },
    ],
    edges: [
      { id: 'e1', source: 'shop', target: 'orders' },
      { id: 'e2', source: 'orders', target: 'billing' },
      { id: 'e3', source: 'billing', target: 'dlq', role: 'dead-letter' },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.flow;
}

function run(flow: FlowDoc): Hop[] {
  const engine = createEngine({ flow, seed: 1 });
  engine.run();
  expect(engine.summary().conservation.ok).toBe(true);
  return engine.trace.read(1, engine.trace.lastSeq());
}
const ofEvent = (hops: Hop[], event: string) =>
  hops.filter((h) => h.event === event && h.group === 'billing');

describe('a consumer that cannot read an event fails it with reason schema', () => {
  test('it retries, then dead-letters, and the reason names the field that broke', () => {
    const hops = run(orders(2, [1]));
    const first = hops.find((h) => h.type === 'produced')!.event;
    expect(ofEvent(hops, first).map((h) => h.type)).toEqual([
      'delivered',
      'failed',
      'retry-scheduled',
      'delivered',
      'failed',
      'dead-lettered',
    ]);
    const failed = ofEvent(hops, first).find((h) => h.type === 'failed')!;
    expect(failed.reason).toBe('schema: OrderPlaced v2 read as v1: data.amount is required');
    expect(explainOutcome(hops, first, 'billing')).toMatch(
      /^dead-lettered after 2 attempts: schema: OrderPlaced v2 read as v1: data\.amount is required/,
    );
    expect(hops.filter((h) => h.type === 'dead-lettered')).toHaveLength(3);
  });

  test('a consumer reading the version written acks every event', () => {
    const hops = run(orders(2, [1, 2]));
    expect(hops.filter((h) => h.type === 'failed')).toEqual([]);
    expect(hops.filter((h) => h.type === 'acked')).toHaveLength(3);
  });

  test('data that breaks the very version it was written at fails too (no reads declared)', () => {
    const flow = orders(2, undefined);
    // The payload builder is checked at design time; an injected event is not, so the run must catch it.
    const engine = createEngine({ flow, seed: 1 });
    engine.fire('shop', { orderId: 7 });
    engine.run();
    const failed = engine.trace.read(1, engine.trace.lastSeq()).find((h) => h.type === 'failed');
    expect(failed?.reason).toBe(
      'schema: OrderPlaced v2: data.total is required; data.orderId must be string, not number',
    );
  });

  test('an upcaster from the written version makes it readable', () => {
    const upcasters = [
      { eventType: 'OrderPlaced', from: 2, payload: '{"orderId": data.orderId, "amount": data.total}' },
    ];
    const hops = run(orders(2, [1], { upcasters }));
    expect(hops.filter((h) => h.type === 'failed')).toEqual([]);
    expect(hops.filter((h) => h.type === 'acked')).toHaveLength(3);
  });

  test('an upcaster that builds the wrong shape fails with the field it left out', () => {
    const upcasters = [{ eventType: 'OrderPlaced', from: 2, payload: '{"orderId": data.orderId}' }];
    const hops = run(orders(2, [1], { upcasters }));
    expect(hops.find((h) => h.type === 'failed')?.reason).toBe(
      'schema: OrderPlaced v2 read as v1 through upcasters[0]: data.amount is required',
    );
  });

  test('the same flow and seed give the same trace', () => {
    expect(run(orders(2, [1]))).toEqual(run(orders(2, [1])));
  });
});
