import { describe, expect, test } from 'vitest';
import { brief, chain, consumer, filter, flow, producer, runFlow, topic, typesOf } from './test-helpers.js';

const saga = (payment: Record<string, unknown> = {}) =>
  flow({
    nodes: [
      producer('p', { eventType: 'OrderPlaced', rate: 1, count: 1 }),
      topic('orders'),
      consumer('payment', {
        failureRate: 1,
        maxAttempts: 2,
        backoffMs: 10,
        emits: [{ eventType: 'PaymentTaken' }],
        emitsOnGiveUp: [
          { eventType: 'PaymentFailed', payload: '{"order": data.seq, "why": "card declined"}' },
        ],
        ...payment,
      }),
      topic('payments'),
      filter('failed-only', 'event.type == "PaymentFailed"'),
      consumer('inventory', { emits: [{ eventType: 'InventoryReleased' }] }),
      topic('inventory-events'),
      consumer('audit'),
    ],
    edges: [
      ...chain('p', 'orders', 'payment', 'payments', 'failed-only', 'inventory', 'inventory-events', 'audit'),
    ],
  });

describe('saga compensation (emitsOnGiveUp)', () => {
  test('giving up emits the compensation as a child of the failed event, and it is consumed downstream', () => {
    const { hops, engine } = runFlow(saga());
    expect(typesOf(hops, 'e1', 'payment')).toEqual([
      'delivered',
      'failed',
      'retry-scheduled',
      'delivered',
      'failed',
      'dropped',
    ]);
    const emitted = hops.find((h) => h.type === 'emitted' && h.node === 'payment')!;
    expect(emitted).toMatchObject({ event: 'e2', parent: 'e1', trace: hops[0]!.trace });
    expect(engine.trace.event('e2')).toMatchObject({
      type: 'PaymentFailed',
      causationid: 'e1',
      data: { order: 1, why: 'card declined' },
    });
    expect(typesOf(hops, 'e3').slice(0, 2)).toEqual(['emitted', 'published']);
    expect(engine.trace.event('e3')).toMatchObject({ type: 'InventoryReleased', causationid: 'e2' });
    // The whole saga is one chain: the path of the order holds the compensation and the release.
    const path = engine.trace.path('e1').hops.map((h) => h.event);
    expect(new Set(path)).toEqual(new Set(['e1', 'e2', 'e3']));
  });

  test('a success emits the ordinary emits only; no compensation', () => {
    const { hops, engine } = runFlow(saga({ failureRate: 0 }));
    expect(engine.trace.event('e2')).toMatchObject({ type: 'PaymentTaken' });
    expect(hops.filter((h) => h.type === 'emitted')).toHaveLength(1);
  });

  test('dead-lettering also compensates, after the dead-letter hop', () => {
    const doc = flow({
      nodes: [
        producer('p', { rate: 1, count: 1 }),
        topic('t'),
        consumer('c', { failureRate: 1, maxAttempts: 1, emitsOnGiveUp: [{ eventType: 'Undo' }] }),
        topic('dlq'),
        topic('undo'),
      ],
      edges: [...chain('p', 't', 'c', 'undo'), { source: 'c', target: 'dlq', role: 'dead-letter' }],
    });
    const { hops } = runFlow(doc);
    expect(brief(hops.filter((h) => h.node === 'c' || h.event === 'e2').slice(-4))).toEqual([
      ['failed', 'c', 11],
      ['dead-lettered', 'c', 11],
      ['emitted', 'c', 11],
      ['published', 'undo', 11],
    ]);
  });

  test('a compensation payload that fails is emitted then dropped with the reason', () => {
    const { hops } = runFlow(
      saga({
        emitsOnGiveUp: [{ eventType: 'PaymentFailed', payload: '{"n": int(string(data.order) + "x")}' }],
      }),
    );
    expect(typesOf(hops, 'e2')).toEqual(['emitted', 'dropped']);
    expect(hops.find((h) => h.event === 'e2' && h.type === 'dropped')!.reason).toMatch(
      /^compensation payload failed/,
    );
  });
});
