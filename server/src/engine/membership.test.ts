import { describe, expect, test } from 'vitest';
import { createEngine } from './engine.js';
import {
  allHops,
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

const twoPartitions = (c: Record<string, unknown>, p: Record<string, unknown> = {}) =>
  simpleFlow({ count: 40, rate: 100, ...p }, { instances: 2, processingMs: 5, ...c }, { partitions: 2 });

describe('outages and rebalancing', () => {
  test('an instance outage moves its partitions to the survivor and back, each change a marker event', () => {
    const { engine, hops } = runFlow(twoPartitions({ outages: [{ at: 100, for: 200, instance: 1 }] }));
    const markers = hops.filter((h) => ['instance-down', 'instance-up', 'rebalanced'].includes(h.type));
    expect(markers.map((h) => [h.type, h.t, h.instance])).toEqual([
      ['instance-down', 100, 1],
      ['rebalanced', 100, undefined],
      ['instance-up', 300, 1],
      ['rebalanced', 300, undefined],
    ]);
    expect(markers[1]!.reason).toBe('t: p0 → instance 0, p1 → instance 0');
    expect(markers[3]!.reason).toBe('t: p0 → instance 0, p1 → instance 1');
    expect(engine.trace.event(markers[0]!.event)).toMatchObject({
      type: 'eventflow.membership',
      source: '/nodes/c',
      data: { group: 'c', change: 'down', assignment: [{ topic: 't', owners: [0, 0] }] },
    });
    const during = ofType(hops, 'delivered').filter((h) => h.t > 100 && h.t < 300);
    expect(during.length).toBeGreaterThan(0);
    expect(new Set(during.map((h) => h.instance))).toEqual(new Set([0]));
    const after = ofType(hops, 'delivered').filter((h) => h.t > 300);
    expect(new Set(after.map((h) => h.instance))).toEqual(new Set([0, 1]));
    expect(engine.summary().outcomes.acked).toBe(40);
  });

  test('a whole consumer down: the topic keeps its events, lag grows, and the group catches up with no loss', () => {
    const engine = createEngine({
      flow: twoPartitions({ outages: [{ at: 50, for: 250 }] }),
      seed: 1,
      storeCapacity: 10_000,
    });
    engine.advanceTo(290);
    const lag = engine.metrics().nodes.t!.lag!.c!;
    expect(lag.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(20);
    expect(engine.metrics().nodes.c!.instances).toEqual([
      { busy: false, partitions: [], down: true },
      { busy: false, partitions: [], down: true },
    ]);
    engine.run();
    expect(engine.metrics().nodes.t!.lag!.c).toEqual([0, 0]);
    const s = engine.summary();
    expect(s.conservation.ok).toBe(true);
    expect(s.outcomes).toMatchObject({ acked: 40, dropped: 0, inFlight: 0 });
    const hops = allHops(engine);
    expect(ofType(hops, 'instance-down').map((h) => h.instance)).toEqual([0, 1]);
    expect(ofType(hops, 'rebalanced')[0]!.reason).toBe('t: p0 → nobody, p1 → nobody');
  });

  test('overlapping outages keep an instance down until the last one ends', () => {
    const { hops } = runFlow(
      twoPartitions({
        outages: [
          { at: 100, for: 300 },
          { at: 200, for: 300, instance: 0 },
        ],
      }),
    );
    expect(ofType(hops, 'instance-up').map((h) => [h.t, h.instance])).toEqual([
      [400, 1],
      [500, 0],
    ]);
  });

  test('a partition moved off a busy instance waits for its delivery to end, so offsets stay in order', () => {
    // Instance 1 returns at 150 while instance 0 is still processing a p1 entry (100 ms each, p1 every 20 ms).
    const { hops } = runFlow(
      twoPartitions({ processingMs: 100, outages: [{ at: 0, for: 150, instance: 1 }] }, { count: 10 }),
    );
    const p1 = hops.filter((h) => h.partition === 1 && h.node === 'c');
    const processed = p1.filter((h) => h.type === 'processed').map((h) => h.offset!);
    expect(processed).toEqual([...processed].sort((a, b) => a - b));
    const byOld = p1.filter((h) => h.instance === 0 && h.type === 'delivered').at(-1)!;
    const firstByNew = p1.find((h) => h.type === 'delivered' && h.instance === 1)!;
    // Instance 0 was mid-delivery on p1 when the partition moved: it finished, and only then did instance 1 start.
    expect(byOld.t).toBeLessThan(150);
    const endOfOld = p1.find((h) => h.type === 'acked' && h.event === byOld.event)!;
    expect(endOfOld.t).toBeGreaterThan(150);
    expect(firstByNew.t).toBe(endOfOld.t);
    expect(firstByNew.seq).toBeGreaterThan(endOfOld.seq);
  });
});

describe('a crash while processing', () => {
  // Instance 1 is mid-processing at t=105 (processingMs 20, events every 10 ms on two partitions).
  const crashing = (delivery: string) =>
    twoPartitions({ delivery, processingMs: 20, outages: [{ at: 105, for: 100, instance: 1 }] });

  test.each(['at-least-once', 'exactly-once'])(
    '%s: crashed, then redelivered to the survivor, no loss',
    (delivery) => {
      const { engine, hops } = runFlow(crashing(delivery));
      const crashed = ofType(hops, 'crashed');
      expect(crashed).toHaveLength(1);
      expect(crashed[0]).toMatchObject({ t: 105, instance: 1, attempt: 1 });
      expect(crashed[0]!.reason).toMatch(/not acknowledged, so it is redelivered/);
      const types = typesOf(hops, crashed[0]!.event, 'c');
      expect(types).toEqual(['delivered', 'crashed', 'delivered', 'processed', 'acked']);
      const redelivery = hops.filter((h) => h.event === crashed[0]!.event && h.type === 'delivered')[1]!;
      expect(redelivery).toMatchObject({ instance: 0, attempt: 2, partition: crashed[0]!.partition });
      const s = engine.summary();
      expect(s.outcomes).toMatchObject({ acked: 40, dropped: 0 });
      expect(s.processing.duplicatesProcessed).toBe(0);
      expect(s.conservation.ok).toBe(true);
    },
  );

  test('at-most-once: crashed, then dropped as lost', () => {
    const { engine, hops } = runFlow(crashing('at-most-once'));
    const crashed = ofType(hops, 'crashed')[0]!;
    expect(typesOf(hops, crashed.event, 'c')).toEqual(['delivered', 'crashed', 'dropped']);
    expect(hops.find((h) => h.event === crashed.event && h.type === 'dropped')!.reason).toBe(
      'lost in a crash (at-most-once)',
    );
    expect(engine.summary().outcomes).toMatchObject({ acked: 39, dropped: 1 });
  });

  test('a blocking retry waiting out its backoff moves to the new owner, which keeps offset order', () => {
    const { engine, hops } = runFlow(
      simpleFlow(
        { count: 6, rate: 100 },
        {
          instances: 2,
          failureRate: 1,
          maxAttempts: 2,
          backoffMs: 200,
          outages: [{ at: 50, for: 1000, instance: 1 }],
        },
        { partitions: 2 },
      ),
    );
    const p1 = ofType(hops, 'delivered').filter((h) => h.partition === 1);
    const offsets = p1.map((h) => h.offset!);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(p1.filter((h) => h.t > 50).every((h) => h.instance === 0)).toBe(true);
    expect(ofType(hops, 'crashed')).toHaveLength(0);
    const moved = ofType(hops, 'rebalanced').filter((h) => h.partition !== undefined);
    expect(moved.map((h) => [h.t, h.instance, h.partition])).toEqual([[50, 1, 1]]);
    const next = hops.find((h) => h.event === moved[0]!.event && h.type === 'delivered' && h.t > 50)!;
    expect(next).toMatchObject({ instance: 0, attempt: 2, reason: 'redelivered after a rebalance' });
    expect(engine.summary().conservation.ok).toBe(true);
  });
});

describe('a modelled crash rate', () => {
  test.each([
    ['at-least-once', 0],
    ['at-most-once', 1],
  ] as const)(
    '%s: instances crash mid-delivery and restart; the crashed deliveries are %s',
    (delivery, lost) => {
      const { engine, hops } = runFlow(
        twoPartitions({ delivery, processingMs: 20, crashRate: 0.2, restartMs: 50 }, { count: 60 }),
      );
      const crashed = ofType(hops, 'crashed');
      expect(crashed.length).toBeGreaterThan(0);
      expect(ofType(hops, 'instance-down')).toHaveLength(crashed.length);
      expect(ofType(hops, 'instance-up')).toHaveLength(crashed.length);
      for (const [down, up] of ofType(hops, 'instance-down').map((h, i) => [
        h,
        ofType(hops, 'instance-up')[i]!,
      ]))
        expect(up!.t - down!.t).toBe(50);
      expect(crashed[0]!.reason).toMatch(
        /^instance \d crashed \(crashRate 0\.2\); restarts in 50 ms while processing/,
      );
      const s = engine.summary();
      expect(s.outcomes.dropped).toBe(lost * crashed.length);
      expect(s.outcomes.acked).toBe(60 - lost * crashed.length);
      expect(s.conservation.ok).toBe(true);
    },
  );

  test('the last attempt never crashes, so a group that always crashes still finishes', () => {
    const { engine, hops } = runFlow(
      twoPartitions({ crashRate: 1, restartMs: 10, maxAttempts: 2 }, { count: 6 }),
    );
    expect(ofType(hops, 'crashed')).toHaveLength(6);
    expect(engine.summary().outcomes.acked).toBe(6);
  });
});

describe('down and up by hand', () => {
  test('setDown takes the consumer down now and brings it back, ending a scheduled outage too', () => {
    const engine = createEngine({
      flow: twoPartitions({ outages: [{ at: 0, for: 100_000 }] }),
      seed: 1,
      storeCapacity: 10_000,
    });
    engine.advanceTo(200);
    expect(engine.setDown('c', false)).toEqual({ ok: true, value: null });
    const up = ofType(allHops(engine), 'instance-up');
    expect(up.map((h) => [h.t, h.reason])).toEqual([
      [200, 'the consumer brought back by hand'],
      [200, 'the consumer brought back by hand'],
    ]);
    expect(engine.setDown('c', true, 1)).toEqual({ ok: true, value: null });
    expect(ofType(allHops(engine), 'instance-down').at(-1)).toMatchObject({
      instance: 1,
      reason: 'instance 1 taken down by hand',
    });
    // Taking down what is already down changes nothing, so it writes no hops.
    const before = engine.trace.lastSeq();
    expect(engine.setDown('c', true, 1).ok).toBe(true);
    expect(engine.trace.lastSeq()).toBe(before);
    engine.run({ untilMs: 200_000 });
    expect(engine.summary().outcomes.acked).toBe(40);
  });

  test('refuses a non-consumer and an instance the consumer does not have', () => {
    const engine = createEngine({ flow: twoPartitions({}), seed: 1 });
    expect(engine.setDown('t', true)).toMatchObject({ ok: false, code: 'unknown-node' });
    expect(engine.setDown('c', true, 2)).toMatchObject({
      ok: false,
      code: 'invalid-payload',
      message: 'instance: c has 2 instances (0 to 1)',
    });
  });

  test('the same flow, seed and commands at the same simulated times give the same trace', () => {
    const once = () => {
      const engine = createEngine({
        flow: twoPartitions({ processingMs: 20 }),
        seed: 5,
        storeCapacity: 10_000,
      });
      engine.advanceTo(105);
      engine.setDown('c', true, 1);
      engine.advanceTo(250);
      engine.setDown('c', false, 1);
      engine.run();
      return JSON.stringify(allHops(engine));
    };
    const a = once();
    expect(a).toContain('"crashed"');
    expect(once()).toBe(a);
  });
});

describe('autoscaling on lag', () => {
  const burst = (autoscale: Record<string, unknown>, instances = 1) =>
    flow({
      nodes: [
        producer('p', { count: 200, rate: 1000 }),
        topic('t', { partitions: 4 }),
        consumer('c', { instances, processingMs: 10, autoscale }),
      ],
      edges: chain('p', 't', 'c'),
    });

  test('scales out under lag up to max, back in to min when the lag is gone, cooldown apart', () => {
    const { engine, hops } = runFlow(burst({ min: 1, max: 3, targetLag: 10, cooldownMs: 50 }));
    const scaled = ofType(hops, 'scaled');
    expect(scaled[0]!.reason).toMatch(/^scaled out 1 → 3 instances: lag \d+ is over 10 per instance$/);
    expect(scaled.at(-1)!.reason).toMatch(/^scaled in 2 → 1 instances/);
    for (let i = 1; i < scaled.length; i++)
      expect(scaled[i]!.t - scaled[i - 1]!.t).toBeGreaterThanOrEqual(50);
    let n = 1;
    for (const h of scaled) {
      const m = /(\d+) → (\d+)/.exec(h.reason!)!;
      expect(Number(m[1])).toBe(n);
      n = Number(m[2]);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(3);
    }
    expect(n).toBe(1);
    expect(engine.metrics().nodes.c!.instances).toHaveLength(1);
    // Each scaling is followed by its rebalance on the same marker event.
    for (const h of scaled) expect(typesOf(hops, h.event)).toEqual(['scaled', 'rebalanced']);
    expect(new Set(ofType(hops, 'delivered').map((h) => h.instance))).toEqual(new Set([0, 1, 2]));
    const s = engine.summary();
    expect(s.outcomes.acked).toBe(200);
    expect(s.conservation.ok).toBe(true);
  });

  test('never below min, and starts within [min, max]', () => {
    const { engine, hops } = runFlow(burst({ min: 2, max: 2, targetLag: 1, cooldownMs: 10 }, 5));
    expect(ofType(hops, 'scaled')).toHaveLength(0);
    expect(engine.metrics().nodes.c!.instances).toHaveLength(2);
  });

  test('a light load never scales', () => {
    const { hops } = runFlow(burst({ min: 1, max: 4, targetLag: 1000, cooldownMs: 100 }));
    expect(ofType(hops, 'scaled')).toHaveLength(0);
  });
});
