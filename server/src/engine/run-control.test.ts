import { describe, expect, test } from 'vitest';
import { createEngine } from './engine.js';
import {
  allHops,
  chain,
  consumer,
  filter,
  flow,
  ofType,
  producer,
  runFlow,
  simpleFlow,
  topic,
  typesOf,
} from './test-helpers.js';

/** A flow with every source of randomness: poisson arrivals, random keys and payloads, sampled times, failures. */
const busy = flow({
  nodes: [
    producer('p', {
      rate: 50,
      count: 60,
      arrival: 'poisson',
      key: 'rand.pick(["a", "b", "c"])',
      payload: '{"n": rand.int(1, 100)}',
    }),
    topic('t', { partitions: 3 }),
    consumer('c1', { processingMs: { mean: 20, stddev: 5 }, failureRate: 0.3, backoffMs: 40 }),
    consumer('c2', {
      group: 'g',
      instances: 2,
      processingMs: { min: 1, max: 30 },
      ackLossRate: 0.2,
      delivery: 'exactly-once',
    }),
    topic('dlq'),
  ],
  edges: [
    ...chain('p', 't', 'c1'),
    ...chain('t', 'c2'),
    { source: 'c1', target: 'dlq', role: 'dead-letter' },
  ],
});

const json = (seed: number) => JSON.stringify(runFlow(busy, seed).hops);

describe('determinism', () => {
  test('the same flow and seed give an identical trace; another seed gives a different one', () => {
    expect(json(7)).toBe(json(7));
    expect(json(7)).not.toBe(json(8));
  });

  test('step(1) until idle gives exactly the hops of a full run', () => {
    const a = createEngine({ flow: busy, seed: 5, storeCapacity: 100_000 });
    let steps = 0;
    while (a.step(1) === 1) steps++;
    expect(a.step(1)).toBe(0);
    const b = runFlow(busy, 5);
    expect(steps).toBe(b.hops.length);
    expect(allHops(a)).toEqual(b.hops);
  });

  test('step(n) makes exactly n more hops visible', () => {
    const e = createEngine({ flow: busy, seed: 5, storeCapacity: 100_000 });
    expect(e.step(7)).toBe(7);
    expect(e.trace.lastSeq()).toBe(7);
    expect(e.trace.read(1, 100)).toEqual(runFlow(busy, 5).hops.slice(0, 7));
    expect(e.step(5)).toBe(5);
    expect(e.trace.lastSeq()).toBe(12);
  });

  test('advanceTo in arbitrary chunks gives the same trace as one run', () => {
    const e = createEngine({ flow: busy, seed: 5, storeCapacity: 100_000 });
    for (let t = 0; e.nextTime() !== undefined; t += 37) e.advanceTo(t);
    expect(allHops(e)).toEqual(runFlow(busy, 5).hops);
  });

  test('run(untilMs) stops early with work in flight, conservation still holding; resuming matches a full run', () => {
    const e = createEngine({ flow: busy, seed: 5, storeCapacity: 100_000 });
    expect(e.run({ untilMs: 400 })).toBe('until');
    expect(e.now()).toBe(400);
    const s = e.summary();
    expect(s.outcomes.inFlight).toBeGreaterThan(0);
    expect(s.conservation.ok).toBe(true);
    expect(s.conservation.expected).toBe(s.conservation.accounted + s.outcomes.inFlight);
    expect(e.run()).toBe('idle');
    expect(e.summary().outcomes.inFlight).toBe(0);
    expect(allHops(e)).toEqual(runFlow(busy, 5).hops);
  });

  test('the same commands at the same simulated times give the same trace', () => {
    const script = () => {
      const e = createEngine({ flow: busy, seed: 3, storeCapacity: 100_000 });
      e.step(10);
      e.fire('p', { manual: true });
      e.advanceTo(300);
      e.updateNode('c1', { failureRate: 0.9, retry: 'requeue' });
      e.run({ untilMs: 700 });
      e.replay('c2', 0);
      e.run();
      return JSON.stringify(allHops(e));
    };
    expect(script()).toBe(script());
  });

  test('run(maxHops) stops once that many hops were made', () => {
    const e = createEngine({ flow: busy, seed: 5, storeCapacity: 100_000 });
    expect(e.run({ maxHops: 10 })).toBe('max-hops');
    expect(e.trace.lastSeq()).toBeGreaterThanOrEqual(10);
    expect(e.trace.lastSeq()).toBeLessThan(20);
  });
});

describe('run limits', () => {
  test('an event limit holds for one run call; a later call without it lets the producers go on', () => {
    const e = createEngine({ flow: simpleFlow({ rate: 10, count: 8 }), seed: 1, storeCapacity: 10_000 });
    expect(e.run({ maxEvents: 3 })).toBe('max-events');
    expect(e.summary().events.produced).toBe(3);
    expect(e.summary().outcomes.inFlight).toBe(0);
    expect(e.run()).toBe('idle');
    expect(e.summary().events.produced).toBe(8);
    expect(e.summary().conservation.ok).toBe(true);
  });
});

describe('commands', () => {
  test('fire publishes one event from a producer, with given data', () => {
    const { engine } = runFlow(simpleFlow({ rate: 0 }));
    expect(engine.fire('p', { hello: 'world' })).toEqual({ ok: true, value: { eventId: 'e1' } });
    expect(engine.fire('p')).toEqual({ ok: true, value: { eventId: 'e2' } });
    engine.run();
    expect(engine.trace.event('e1')!.data).toEqual({ hello: 'world' });
    expect(engine.trace.event('e2')!.data).toEqual({ seq: 2 });
    expect(typesOf(allHops(engine), 'e1')).toEqual([
      'produced',
      'published',
      'delivered',
      'processed',
      'acked',
    ]);
  });

  test('fire on a topic, consumer or missing node is refused with unknown-node', () => {
    const { engine } = runFlow(simpleFlow({ rate: 0 }));
    for (const id of ['t', 'c', 'nope'])
      expect(engine.fire(id)).toMatchObject({ ok: false, code: 'unknown-node' });
    expect(engine.trace.lastSeq()).toBe(0);
  });

  test('a live consumer change takes effect for later deliveries', () => {
    const e = createEngine({ flow: simpleFlow({ rate: 10, count: 10 }), seed: 1, storeCapacity: 100_000 });
    e.run({ untilMs: 450 });
    expect(e.updateNode('c', { failureRate: 1, maxAttempts: 1 })).toEqual({ ok: true, value: null });
    e.run();
    const hops = allHops(e);
    expect(ofType(hops, 'acked').map((h) => h.event)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(ofType(hops, 'dropped').map((h) => h.event)).toEqual(['e6', 'e7', 'e8', 'e9', 'e10']);
  });

  test('a live producer rate change restarts the arrival grid from now', () => {
    const e = createEngine({ flow: simpleFlow({ rate: 1 }), seed: 1, storeCapacity: 100_000 });
    e.advanceTo(2500);
    expect(e.updateNode('p', { rate: 10 }).ok).toBe(true);
    e.advanceTo(3000);
    expect(ofType(allHops(e), 'produced').map((h) => h.t)).toEqual([
      0, 1000, 2000, 2600, 2700, 2800, 2900, 3000,
    ]);
  });

  test('a live filter expression change applies to events fetched afterwards', () => {
    const doc = flow({
      nodes: [producer('p', { rate: 10, count: 6 }), topic('t'), filter('f', 'false'), consumer('c')],
      edges: chain('p', 't', 'f', 'c'),
    });
    const e = createEngine({ flow: doc, seed: 1, storeCapacity: 100_000 });
    e.run({ untilMs: 250 });
    expect(e.updateNode('f', { expression: 'true' }).ok).toBe(true);
    e.run();
    const hops = allHops(e);
    expect(ofType(hops, 'filtered').map((h) => h.event)).toEqual(['e1', 'e2', 'e3']);
    expect(ofType(hops, 'acked').map((h) => h.event)).toEqual(['e4', 'e5', 'e6']);
    expect(e.summary().outcomes).toMatchObject({ filtered: 3, acked: 3 });
    expect(e.summary().conservation.ok).toBe(true);
  });

  test('invalid live config is refused with invalid-payload naming the field, and changes nothing', () => {
    const doc = flow({
      nodes: [producer('p', { count: 3 }), filter('f', 'true'), topic('t'), consumer('c')],
      edges: chain('p', 'f', 't', 'c'),
    });
    const e = createEngine({ flow: doc, seed: 1, storeCapacity: 100_000 });
    const bad = e.updateNode('c', { failureRate: 2 });
    expect(bad).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(!bad.ok && bad.message).toContain('config.failureRate');
    expect(e.updateNode('f', { expression: 'data.((' })).toMatchObject({
      ok: false,
      code: 'invalid-payload',
    });
    expect(e.updateNode('p', { rate: -1 })).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(e.updateNode('t', { partitions: 4 })).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(e.updateNode('nope', {})).toMatchObject({ ok: false, code: 'unknown-node' });
    e.run();
    expect(e.summary().outcomes).toMatchObject({ acked: 3, dropped: 0, filtered: 0 });
  });

  test('replay redelivers a group’s events; exactly-once skips them as duplicates', () => {
    const e = runFlow(simpleFlow({ count: 3 }, { delivery: 'exactly-once' })).engine;
    const before = e.trace.lastSeq();
    expect(e.replay('c', 0)).toEqual({ ok: true, value: null });
    e.run();
    const replayed = e.trace.read(before + 1, e.trace.lastSeq());
    expect(replayed.map((h) => `${h.type}:${h.event}`)).toEqual([
      'delivered:e1',
      'duplicate-skipped:e1',
      'acked:e1',
      'delivered:e2',
      'duplicate-skipped:e2',
      'acked:e2',
      'delivered:e3',
      'duplicate-skipped:e3',
      'acked:e3',
    ]);
    expect(e.summary().processing).toMatchObject({ duplicatesSkipped: 3, duplicatesProcessed: 0 });
    expect(e.summary().conservation).toEqual({ ok: true, expected: 6, accounted: 6 });
  });

  test('replay from an offset under at-least-once processes again, counted as duplicates', () => {
    const e = runFlow(simpleFlow({ count: 3 })).engine;
    expect(e.replay('c', 1).ok).toBe(true);
    e.run();
    expect(ofType(allHops(e), 'processed').map((h) => h.event)).toEqual(['e1', 'e2', 'e3', 'e2', 'e3']);
    expect(e.summary().processing.duplicatesProcessed).toBe(2);
    expect(e.summary().conservation.ok).toBe(true);
    expect(e.replay('t', 0)).toMatchObject({ ok: false, code: 'unknown-node' });
  });
});

describe('trace store', () => {
  test('a small store evicts the oldest hops; reads skip them and evicted paths are empty or truncated', () => {
    const { engine: e } = runFlow(simpleFlow({ count: 10 }), 1, undefined, { storeCapacity: 16 });
    expect(e.trace.lastSeq()).toBe(50);
    expect(e.trace.evicted()).toBe(34);
    expect(e.trace.firstSeq()).toBe(35);
    const read = e.trace.read(1, 50);
    expect(read.map((h) => h.seq)).toEqual(Array.from({ length: 16 }, (_, i) => 35 + i));
    const old = e.trace.path('e1');
    expect(old.hops.length === 0 || old.truncated).toBe(true);
    expect(old.hops.every((h) => h.seq >= 35)).toBe(true);
    expect(e.trace.path('e10').hops.map((h) => h.type)).toEqual([
      'produced',
      'published',
      'delivered',
      'processed',
      'acked',
    ]);
    expect(e.trace.path('e10').truncated).toBe(false);
  });

  // Known bug (reported): reader.ts hopSeqsOf gives up when an event's first hop is evicted, so the hops of that
  // event still in the store are left out of its path, although TracePath says only evicted hops are missing.
  test('a partly evicted event’s path still holds its stored hops, marked truncated', () => {
    const { engine: e } = runFlow(
      simpleFlow({ count: 1 }, { failureRate: 1, maxAttempts: 8, backoffMs: 1 }),
      1,
      undefined,
      { storeCapacity: 16 },
    );
    expect(e.trace.lastSeq()).toBe(26);
    const path = e.trace.path('e1');
    expect(path.truncated).toBe(true);
    expect(path.hops.map((h) => h.seq)).toEqual(Array.from({ length: 16 }, (_, i) => 11 + i));
  });

  test('query finds events by outcome and type, and pages with a cursor', () => {
    const { engine: e } = runFlow(
      simpleFlow({ count: 5, payload: '{"seq": seq, "bad": seq == 3}' }, { failureRate: 0 }),
    );
    const all = e.trace.query({}, undefined, 2);
    expect(all.total).toBe(5);
    expect(all.events.map((r) => r.id)).toEqual(['e1', 'e2']);
    const next = e.trace.query({}, all.cursor, 2);
    expect(next.events.map((r) => r.id)).toEqual(['e3', 'e4']);
    expect(e.trace.query({ text: '"bad":true' }).events.map((r) => r.id)).toEqual(['e3']);
    expect(e.trace.query({ outcome: 'acked' }).total).toBe(5);
    expect(e.trace.query({ type: 'Other' }).total).toBe(0);
    expect(all.events[0]!.outcomes).toEqual({ c: 'acked' });
  });
});
