import { describe, expect, test } from 'vitest';
import {
  allHops,
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

describe('one delivery', () => {
  test('delivered → processed after processingMs → acked, with group, instance, partition, offset, attempt', () => {
    const { hops } = runFlow(simpleFlow({ count: 1 }, { processingMs: 25 }, { latencyMs: 5 }));
    expect(brief(hops)).toEqual([
      ['produced', 'p', 0],
      ['published', 't', 0],
      ['delivered', 'c', 5],
      ['processed', 'c', 30],
      ['acked', 'c', 30],
    ]);
    expect(hops[2]).toMatchObject({
      edge: 't.c',
      group: 'c',
      instance: 0,
      partition: 0,
      offset: 0,
      attempt: 1,
    });
    expect(hops[4]).toMatchObject({ group: 'c', instance: 0, partition: 0, offset: 0, attempt: 1 });
  });

  test('uniform processing time stays within [min, max]', () => {
    const { hops } = runFlow(simpleFlow({ count: 20 }, { processingMs: { min: 5, max: 15 } }));
    const delivered = ofType(hops, 'delivered');
    const processed = ofType(hops, 'processed');
    const took = processed.map((p, i) => p.t - delivered[i]!.t);
    expect(took.every((d) => d >= 5 && d <= 15)).toBe(true);
    expect(new Set(took).size).toBeGreaterThan(1);
  });

  test('an instance handles one event at a time, in offset order', () => {
    const { hops } = runFlow(simpleFlow({ rate: 1000, count: 3 }, { processingMs: 10 }));
    expect(ofType(hops, 'delivered').map((h) => [h.event, h.t, h.offset])).toEqual([
      ['e1', 1, 0],
      ['e2', 11, 1],
      ['e3', 21, 2],
    ]);
  });
});

describe('groups', () => {
  const groupFlow = (c1: Record<string, unknown>, c2: Record<string, unknown>, partitions = 2) =>
    flow({
      nodes: [
        producer('p', { count: 4 }),
        topic('t', { partitions }),
        consumer('c1', c1),
        consumer('c2', c2),
      ],
      edges: [...chain('p', 't', 'c1'), ...chain('t', 'c2')],
    });

  test('consumers sharing a group compete: each event goes to exactly one of them, by partition', () => {
    const { engine, hops } = runFlow(groupFlow({ group: 'g' }, { group: 'g' }));
    const acked = ofType(hops, 'acked');
    expect(acked.map((h) => [h.event, h.node, h.partition, h.instance])).toEqual([
      ['e1', 'c1', 0, 0],
      ['e2', 'c2', 1, 1],
      ['e3', 'c1', 0, 0],
      ['e4', 'c2', 1, 1],
    ]);
    expect(acked.every((h) => h.group === 'g')).toBe(true);
    expect(engine.summary().conservation).toEqual({ ok: true, expected: 4, accounted: 4 });
  });

  test('distinct groups each receive every event (fan-out)', () => {
    const { engine, hops } = runFlow(groupFlow({}, {}));
    for (const id of ['e1', 'e2', 'e3', 'e4']) {
      expect(
        ofType(hops, 'acked')
          .filter((h) => h.event === id)
          .map((h) => h.group)
          .sort(),
      ).toEqual(['c1', 'c2']);
    }
    expect(engine.summary().outcomes.acked).toBe(8);
    expect(engine.summary().conservation).toEqual({ ok: true, expected: 8, accounted: 8 });
  });

  test('more instances than partitions leaves the extra instances idle, visibly', () => {
    const { engine, hops } = runFlow(simpleFlow({ count: 6 }, { instances: 3 }, { partitions: 2 }));
    expect(engine.metrics().nodes.c!.instances).toEqual([
      { busy: false, partitions: [0] },
      { busy: false, partitions: [1] },
      { busy: false, partitions: [] },
    ]);
    const delivered = ofType(hops, 'delivered');
    expect(delivered.map((h) => [h.partition, h.instance])).toEqual([
      [0, 0],
      [1, 1],
      [0, 0],
      [1, 1],
      [0, 0],
      [1, 1],
    ]);
  });

  test('instances of one consumer each own partitions round-robin', () => {
    const { engine } = runFlow(simpleFlow({ count: 1 }, { instances: 2 }, { partitions: 5 }));
    expect(engine.metrics().nodes.c!.instances!.map((i) => i.partitions)).toEqual([
      [0, 2, 4],
      [1, 3],
    ]);
  });
});

describe('metrics and live scaling', () => {
  test('a slow group shows lag, a busy instance and work in flight', () => {
    const { engine } = runFlow(simpleFlow({ rate: 100, count: 10 }, { processingMs: 1000 }), 1, {
      untilMs: 95,
    });
    const m = engine.metrics().nodes;
    expect(m.t!.lag).toEqual({ c: [9] });
    expect(m.t!.partitions).toEqual([{ depth: 10, end: 10 }]);
    expect(m.c!.instances).toEqual([{ busy: true, partitions: [0] }]);
    expect(m.c!.inFlight).toBe(1);
    expect(engine.summary().outcomes.inFlight).toBe(10);
  });

  test('adding instances live rebalances partitions, and the new instance takes deliveries', () => {
    const e = runFlow(simpleFlow({ rate: 10, count: 10 }, {}, { partitions: 2 }), 1, { untilMs: 450 }).engine;
    expect(e.updateNode('c', { instances: 2 }).ok).toBe(true);
    expect(e.metrics().nodes.c!.instances!.map((i) => i.partitions)).toEqual([[0], [1]]);
    e.run();
    const late = ofType(allHops(e), 'delivered').filter((h) => h.t > 450);
    expect(late.map((h) => [h.partition, h.instance])).toEqual([
      [1, 1],
      [0, 0],
      [1, 1],
      [0, 0],
      [1, 1],
    ]);
    expect(e.summary().conservation.ok).toBe(true);
  });
});

describe('delivery guarantees', () => {
  test('at-most-once: a failure drops the event with no retry', () => {
    const { engine, hops } = runFlow(simpleFlow({ count: 1 }, { delivery: 'at-most-once', failureRate: 1 }));
    expect(typesOf(hops, 'e1', 'c')).toEqual(['delivered', 'failed', 'dropped']);
    expect(ofType(hops, 'dropped')[0]!.reason).toMatch(/at-most-once/);
    expect(engine.summary().outcomes).toMatchObject({ dropped: 1, acked: 0 });
    expect(engine.summary().processing).toMatchObject({ attempts: 1, failures: 1, redeliveries: 0 });
  });

  test('at-most-once ignores ack loss: the event is acked once', () => {
    const { engine, hops } = runFlow(simpleFlow({ count: 1 }, { delivery: 'at-most-once', ackLossRate: 1 }));
    expect(typesOf(hops, 'e1', 'c')).toEqual(['delivered', 'processed', 'acked']);
    expect(engine.summary().processing.duplicatesProcessed).toBe(0);
  });

  test('at-least-once: failures retry after backoff, then drop without a dead-letter queue', () => {
    const { engine, hops } = runFlow(
      simpleFlow({ count: 1 }, { failureRate: 1, maxAttempts: 3, backoffMs: 100 }),
    );
    expect(typesOf(hops, 'e1', 'c')).toEqual([
      'delivered',
      'failed',
      'retry-scheduled',
      'delivered',
      'failed',
      'retry-scheduled',
      'delivered',
      'failed',
      'dropped',
    ]);
    expect(ofType(hops, 'delivered').map((h) => [h.t, h.attempt])).toEqual([
      [1, 1],
      [111, 2],
      [221, 3],
    ]);
    expect(ofType(hops, 'retry-scheduled')[0]!.reason).toMatch(/100 ms/);
    expect(ofType(hops, 'dropped')[0]!.reason).toMatch(/no dead-letter queue/);
    expect(engine.summary().processing).toMatchObject({ attempts: 3, failures: 3, redeliveries: 2 });
    expect(engine.summary().conservation).toEqual({ ok: true, expected: 1, accounted: 1 });
  });

  test('exponential backoff: initial × multiplier^(attempt-1), capped at max', () => {
    const backoffMs = { initial: 100, multiplier: 2, max: 300 };
    const { hops } = runFlow(simpleFlow({ count: 1 }, { failureRate: 1, maxAttempts: 5, backoffMs }));
    expect(ofType(hops, 'delivered').map((h) => h.t)).toEqual([1, 111, 321, 631, 941]);
  });

  test('after maxAttempts an event with a dead-letter edge is dead-lettered and published to the DLQ topic', () => {
    const doc = flow({
      nodes: [
        producer('p', { count: 1 }),
        topic('t'),
        consumer('c', { failureRate: 1, maxAttempts: 2, backoffMs: 50 }),
        topic('dlq'),
        consumer('d'),
      ],
      edges: [
        ...chain('p', 't', 'c'),
        { source: 'c', target: 'dlq', role: 'dead-letter' },
        ...chain('dlq', 'd'),
      ],
    });
    const { engine, hops } = runFlow(doc);
    expect(hops.map((h) => `${h.type}@${h.node}`)).toEqual([
      'produced@p',
      'published@t',
      'delivered@c',
      'failed@c',
      'retry-scheduled@c',
      'delivered@c',
      'failed@c',
      'dead-lettered@c',
      'published@dlq',
      'delivered@d',
      'processed@d',
      'acked@d',
    ]);
    expect(ofType(hops, 'dead-lettered')[0]).toMatchObject({ edge: 'c.dlq', attempt: 2 });
    expect(ofType(hops, 'dead-lettered')[0]!.reason).toMatch(/gave up after 2 attempts/);
    const s = engine.summary();
    expect(s.outcomes).toMatchObject({ deadLettered: 1, acked: 1, dropped: 0 });
    expect(s.conservation).toEqual({ ok: true, expected: 2, accounted: 2 });
  });

  test('at-least-once: a lost ack means redelivery and a second processing, counted as a duplicate', () => {
    const { engine, hops } = runFlow(simpleFlow({ count: 1 }, { ackLossRate: 1, maxAttempts: 2 }));
    expect(typesOf(hops, 'e1', 'c')).toEqual([
      'delivered',
      'processed',
      'retry-scheduled',
      'delivered',
      'processed',
      'dropped',
    ]);
    expect(ofType(hops, 'retry-scheduled')[0]!.reason).toMatch(/^ack lost/);
    expect(engine.summary().processing.duplicatesProcessed).toBe(1);
  });

  test('exactly-once: a redelivered, already processed event is skipped and acked', () => {
    const { engine, hops } = runFlow(
      simpleFlow({ count: 1 }, { ackLossRate: 1, maxAttempts: 2, delivery: 'exactly-once' }),
    );
    expect(typesOf(hops, 'e1', 'c')).toEqual([
      'delivered',
      'processed',
      'retry-scheduled',
      'delivered',
      'duplicate-skipped',
      'acked',
    ]);
    expect(ofType(hops, 'acked')[0]!.attempt).toBe(2);
    expect(engine.summary().processing).toMatchObject({ duplicatesProcessed: 0, duplicatesSkipped: 1 });
    expect(engine.summary().conservation.ok).toBe(true);
  });

  test('exactly-once with frequent ack loss processes no duplicates; at-least-once does', () => {
    const run = (delivery: string) =>
      runFlow(
        simpleFlow({ count: 40 }, { ackLossRate: 0.4, maxAttempts: 10, backoffMs: 5, delivery }),
        11,
      ).engine.summary();
    const alo = run('at-least-once');
    const eo = run('exactly-once');
    expect(alo.processing.duplicatesProcessed).toBeGreaterThan(0);
    expect(eo.processing.duplicatesProcessed).toBe(0);
    expect(eo.processing.duplicatesSkipped).toBeGreaterThan(0);
    expect(eo.outcomes.acked).toBe(40);
  });
});
