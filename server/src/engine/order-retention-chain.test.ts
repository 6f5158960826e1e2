import { describe, expect, test } from 'vitest';
import {
  brief,
  chain,
  consumer,
  flow,
  ofType,
  producer,
  runFlow,
  simpleFlow,
  topic,
  typesOf,
} from './test-helpers.js';

describe('retry modes and per-key order', () => {
  const keyed = (retry: string) =>
    simpleFlow(
      { rate: 100, count: 30, key: '"k" + string(seq % 2)' },
      { failureRate: 0.4, maxAttempts: 8, backoffMs: 30, retry },
    );

  test('blocking retries keep per-key order across seeds', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = runFlow(keyed('blocking'), seed).engine.summary();
      expect(s.processing.failures).toBeGreaterThan(0);
      expect(s.processing.orderViolations).toBe(0);
      expect(s.conservation.ok).toBe(true);
    }
  });

  test('requeue lets later events pass a failing one, and each per-key violation is counted', () => {
    const violations = [1, 2, 3, 4, 5].map(
      (seed) => runFlow(keyed('requeue'), seed).engine.summary().processing.orderViolations,
    );
    expect(violations.some((v) => v > 0)).toBe(true);
  });

  test('blocking: the instance waits through the backoff before taking the next event', () => {
    const { hops } = runFlow(
      simpleFlow({ rate: 1000, count: 2 }, { failureRate: 1, maxAttempts: 2, backoffMs: 100 }),
    );
    expect(hops.filter((h) => h.node === 'c').map((h) => [h.type, h.event, h.t])).toEqual([
      ['delivered', 'e1', 1],
      ['failed', 'e1', 11],
      ['retry-scheduled', 'e1', 11],
      ['delivered', 'e1', 111],
      ['failed', 'e1', 121],
      ['dropped', 'e1', 121],
      ['delivered', 'e2', 121],
      ['failed', 'e2', 131],
      ['retry-scheduled', 'e2', 131],
      ['delivered', 'e2', 231],
      ['failed', 'e2', 241],
      ['dropped', 'e2', 241],
    ]);
  });

  test('requeue: the next event is delivered during the failing one’s backoff', () => {
    const { hops } = runFlow(
      simpleFlow(
        { rate: 1000, count: 2 },
        { failureRate: 1, maxAttempts: 2, backoffMs: 100, retry: 'requeue' },
      ),
    );
    expect(
      hops.filter((h) => h.node === 'c' && h.type === 'delivered').map((h) => [h.event, h.t, h.attempt]),
    ).toEqual([
      ['e1', 1, 1],
      ['e2', 11, 1],
      ['e1', 111, 2],
      ['e2', 121, 2],
    ]);
  });
});

describe('retention', () => {
  test('maxEvents: entries pushed out before the group fetched them expire at the topic', () => {
    const doc = simpleFlow({ rate: 100, count: 10 }, { processingMs: 1000 }, { retention: { maxEvents: 2 } });
    const { engine, hops } = runFlow(doc);
    const expired = ofType(hops, 'expired');
    expect(expired.map((h) => h.event)).toEqual(['e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8']);
    expect(expired[0]).toMatchObject({ node: 't', group: 'c', partition: 0, offset: 1 });
    expect(expired[0]!.reason).toMatch(/newest 2/);
    expect(ofType(hops, 'acked').map((h) => h.event)).toEqual(['e1', 'e9', 'e10']);
    const s = engine.summary();
    expect(s.outcomes).toMatchObject({ expired: 7, acked: 3 });
    expect(s.nodes.t).toMatchObject({ expired: 7 });
    expect(s.conservation).toEqual({ ok: true, expected: 10, accounted: 10 });
  });

  test('maxAgeMs: an entry expires the moment it reaches the age limit unfetched', () => {
    const doc = simpleFlow({ rate: 10, count: 3 }, { processingMs: 1000 }, { retention: { maxAgeMs: 500 } });
    const { engine, hops } = runFlow(doc);
    expect(ofType(hops, 'expired').map((h) => [h.event, h.t])).toEqual([
      ['e2', 600],
      ['e3', 700],
    ]);
    expect(engine.summary().outcomes).toMatchObject({ expired: 2, acked: 1 });
    expect(engine.summary().conservation.ok).toBe(true);
  });

  test('a group that keeps up loses nothing', () => {
    const doc = simpleFlow({ rate: 10, count: 20 }, { processingMs: 5 }, { retention: { maxEvents: 1 } });
    expect(runFlow(doc).engine.summary().outcomes).toMatchObject({ expired: 0, acked: 20 });
  });
});

describe('chaining', () => {
  const saga = flow({
    nodes: [
      producer('p', { count: 1, eventType: 'OrderPlaced', key: '"cust-1"' }),
      topic('orders'),
      consumer('inv', { emits: [{ eventType: 'InventoryReserved', payload: '{"order": event.id}' }] }),
      topic('inventory'),
      consumer('pay'),
    ],
    edges: [...chain('p', 'orders', 'inv', 'inventory', 'pay')],
  });

  test('a consumer emits a child event on success, published to the topics its out-edges reach', () => {
    const { hops } = runFlow(saga);
    expect(hops.map((h) => `${h.type}:${h.event}@${h.node}`)).toEqual([
      'produced:e1@p',
      'published:e1@orders',
      'delivered:e1@inv',
      'processed:e1@inv',
      'emitted:e2@inv',
      'published:e2@inventory',
      'acked:e1@inv',
      'delivered:e2@pay',
      'processed:e2@pay',
      'acked:e2@pay',
    ]);
    expect(ofType(hops, 'emitted')[0]).toMatchObject({ parent: 'e1' });
    expect(new Set(hops.map((h) => h.trace)).size).toBe(1);
  });

  test('children carry type, payload, the root correlation id, the parent causation id and the key', () => {
    const { engine } = runFlow(saga);
    expect(engine.trace.event('e2')).toMatchObject({
      type: 'InventoryReserved',
      source: '/nodes/inv',
      data: { order: 'e1' },
      correlationid: 'e1',
      causationid: 'e1',
      partitionkey: 'cust-1',
    });
    const trace = engine.trace.event('e1')!.traceparent.split('-')[1];
    expect(engine.trace.event('e2')!.traceparent.split('-')[1]).toBe(trace);
    expect(engine.trace.event('e2')!.traceparent).not.toBe(engine.trace.event('e1')!.traceparent);
  });

  test('trace.path returns the event and its descendants, in seq order', () => {
    const { engine, hops } = runFlow(saga);
    const path = engine.trace.path('e1');
    expect(path.truncated).toBe(false);
    expect(path.events.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(path.hops).toEqual(hops);
    expect(engine.trace.path('e2').hops).toEqual(hops.filter((h) => h.event === 'e2'));
    expect(engine.trace.path('e99')).toEqual({ hops: [], events: [], truncated: false });
  });

  test('a failing consumer emits nothing', () => {
    const doc = flow({
      nodes: [
        producer('p', { count: 1 }),
        topic('a'),
        consumer('c', { failureRate: 1, maxAttempts: 1, emits: [{ eventType: 'X' }] }),
        topic('b'),
        consumer('d'),
      ],
      edges: chain('p', 'a', 'c', 'b', 'd'),
    });
    const { hops } = runFlow(doc);
    expect(ofType(hops, 'emitted')).toEqual([]);
    expect(typesOf(hops, 'e1', 'c')).toEqual(['delivered', 'failed', 'dropped']);
  });

  test('an emit payload that fails to evaluate is a processing failure, retried and then dropped', () => {
    const doc = flow({
      nodes: [
        producer('p', { count: 1 }),
        topic('a'),
        consumer('c', { maxAttempts: 2, emits: [{ eventType: 'X', payload: '{"x": data.missing}' }] }),
        topic('b'),
        consumer('d'),
      ],
      edges: chain('p', 'a', 'c', 'b', 'd'),
    });
    const { hops } = runFlow(doc);
    expect(typesOf(hops, 'e1', 'c')).toEqual([
      'delivered',
      'failed',
      'retry-scheduled',
      'delivered',
      'failed',
      'dropped',
    ]);
    expect(ofType(hops, 'failed')[0]!.reason).toMatch(/^emit payload failed/);
    expect(ofType(hops, 'emitted')).toEqual([]);
  });

  test('a loop is cut at maxChainDepth: the too-deep child is dropped with that reason', () => {
    const loop = flow({
      nodes: [producer('p', { count: 1 }), topic('t'), consumer('c', { emits: [{ eventType: 'Again' }] })],
      edges: [...chain('p', 't', 'c'), { source: 'c', target: 't' }],
    });
    const { engine, hops, stop } = runFlow(loop, 1, undefined, { maxChainDepth: 3 });
    expect(stop).toBe('idle');
    expect(ofType(hops, 'emitted').map((h) => [h.event, h.parent])).toEqual([
      ['e2', 'e1'],
      ['e3', 'e2'],
      ['e4', 'e3'],
      ['e5', 'e4'],
    ]);
    expect(typesOf(hops, 'e5')).toEqual(['emitted', 'dropped']);
    expect(ofType(hops, 'dropped')[0]!.reason).toMatch(/maxChainDepth 3/);
    expect(engine.summary().events).toEqual({ produced: 1, emitted: 4 });
    expect(engine.summary().conservation).toEqual({ ok: true, expected: 4, accounted: 4 });
  });

  test('the default maxChainDepth is 16', () => {
    const loop = flow({
      nodes: [
        producer('p', { count: 1 }),
        topic('t', { latencyMs: 0 }),
        consumer('c', { processingMs: 0, emits: [{ eventType: 'Again' }] }),
      ],
      edges: [...chain('p', 't', 'c'), { source: 'c', target: 't' }],
    });
    const { hops } = runFlow(loop);
    expect(ofType(hops, 'emitted')).toHaveLength(17);
    expect(brief(ofType(hops, 'dropped'))).toEqual([['dropped', 'c', 0]]);
  });
});
