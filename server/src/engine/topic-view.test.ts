import type { TopicView } from '@eventflow/shared';
import { describe, expect, test } from 'vitest';
import type { Engine } from './api.js';
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
} from './test-helpers.js';

function view(e: Engine, query: Parameters<Engine['readTopic']>[1] = { limit: 1000 }): TopicView {
  const r = e.readTopic('t', query);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

/** Keyed events over three partitions, read by two groups: the shape the console is for. */
const keyed = flow({
  nodes: [
    producer('p', { rate: 10, count: 30, key: 'rand.pick(["a", "b", "c", "d"])' }),
    topic('t', { partitions: 3 }),
    consumer('c', { processingMs: { min: 5, max: 40 } }),
    consumer('audit', { group: 'auditors', processingMs: 2 }),
  ],
  edges: [...chain('p', 't', 'c'), ...chain('t', 'audit')],
});

describe('topic:read', () => {
  test('lists each partition’s retained entries in offset order with their publish time and key', () => {
    const { engine: e, hops } = runFlow(keyed, 3);
    const v = view(e);
    expect(v.partitions.map((p) => p.partition)).toEqual([0, 1, 2]);
    const published = ofType(hops, 'published');
    for (const p of v.partitions) {
      const mine = published.filter((h) => h.partition === p.partition);
      expect(p).toMatchObject({ oldest: 0, next: mine.length });
      expect(p.events.map((x) => [x.offset, x.eventId, x.t])).toEqual(
        mine.map((h) => [h.offset, h.event, h.t]),
      );
      expect(p.events.every((x) => x.type === 'Test' && ['a', 'b', 'c', 'd'].includes(x.key ?? ''))).toBe(
        true,
      );
    }
    expect(v.partitions.reduce((n, p) => n + p.events.length, 0)).toBe(30);
  });

  test('the retained window follows retention by count and by age', () => {
    const byCount = runFlow(simpleFlow({ count: 12 }, {}, { retention: { maxEvents: 5 } })).engine;
    const [p0] = view(byCount).partitions;
    expect(p0).toMatchObject({ oldest: 7, next: 12 });
    expect(p0!.events.map((x) => x.offset)).toEqual([7, 8, 9, 10, 11]);

    // One event every 100 ms; an age limit of 350 ms keeps the entries published in the last 350 ms.
    const byAge = createEngine({
      flow: simpleFlow({ rate: 10 }, {}, { retention: { maxAgeMs: 350 } }),
      seed: 1,
    });
    byAge.advanceTo(2_000);
    const [a0] = view(byAge).partitions;
    expect(a0!.events.every((x) => x.t + 350 > byAge.now())).toBe(true);
    expect(a0!.events.length).toBe(4);
    expect(a0!.oldest).toBe(a0!.events[0]!.offset);
  });

  test('pages by partition, offset and limit; the default is the newest entries', () => {
    const { engine: e } = runFlow(simpleFlow({ count: 20 }, {}, { partitions: 2 }));
    expect(view(e, { limit: 3 }).partitions.map((p) => p.events.map((x) => x.offset))).toEqual([
      [7, 8, 9],
      [7, 8, 9],
    ]);
    const one = view(e, { partition: 1, fromOffset: 2, limit: 4 });
    expect(one.partitions.map((p) => [p.partition, p.next, p.events.map((x) => x.offset)])).toEqual([
      [0, 10, []],
      [1, 10, [2, 3, 4, 5]],
    ]);
  });

  test('shows each group’s committed offset and lag per partition', () => {
    const e = createEngine({ flow: keyed, seed: 3 });
    e.advanceTo(1_000);
    const mid = view(e);
    expect(mid.groups.map((g) => [g.group, g.consumerNodeId])).toEqual(
      [
        ['auditors', 'audit'],
        ['c', 'c'],
      ].sort(),
    );
    for (const g of mid.groups) expect(g.lag).toEqual(mid.partitions.map((p, i) => p.next - g.committed[i]!));
    e.run();
    expect(view(e).groups.every((g) => g.lag.every((l) => l === 0))).toBe(true);
  });

  test('answers unknown-node for a node that is not a topic', () => {
    const { engine: e } = runFlow(simpleFlow({ count: 1 }));
    expect(e.readTopic('c', { limit: 5 })).toMatchObject({ ok: false, code: 'unknown-node' });
    expect(e.readTopic('nope', { limit: 5 })).toMatchObject({ ok: false, code: 'unknown-node' });
  });
});

describe('replay from a simulated time', () => {
  test('moves each partition back to its first offset published at or after the time; lag grows', () => {
    const { engine: e } = runFlow(keyed, 3);
    const before = view(e);
    const at = 1_450;
    expect(e.replayFromTime('c', at)).toEqual({ ok: true, value: null });
    const after = view(e);
    const c = after.groups.find((g) => g.group === 'c')!;
    const expected = before.partitions.map((p) => p.events.find((x) => x.t >= at)?.offset ?? p.next);
    expect(c.committed).toEqual(expected);
    expect(c.lag).toEqual(after.partitions.map((p, i) => p.next - expected[i]!));
    expect(c.lag.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // The other group is untouched.
    expect(after.groups.find((g) => g.group === 'auditors')!.lag).toEqual([0, 0, 0]);
  });

  test('the run then re-delivers exactly the entries from that time on, and conservation holds', () => {
    const { engine: e } = runFlow(keyed, 3);
    const entries = view(e).partitions.flatMap((p) =>
      p.events.map((x) => ({ ...x, partition: p.partition })),
    );
    const seq = e.trace.lastSeq();
    e.replayFromTime('c', 1_450);
    e.run();
    const redelivered = ofType(e.trace.read(seq + 1, e.trace.lastSeq()), 'delivered').filter(
      (h) => h.node === 'c',
    );
    const want = entries.filter((x) => x.t >= 1_450).map((x) => `${x.partition}:${x.offset}:${x.eventId}`);
    expect(redelivered.map((h) => `${h.partition}:${h.offset}:${h.event}`).sort()).toEqual(want.sort());
    expect(view(e).groups.every((g) => g.lag.every((l) => l === 0))).toBe(true);
    expect(e.summary().conservation.ok).toBe(true);
  });

  test('a time past every entry replays nothing; a time before all replays the whole window', () => {
    const { engine: e } = runFlow(keyed, 3);
    const seq = e.trace.lastSeq();
    e.replayFromTime('c', 1e9);
    e.run();
    expect(e.trace.lastSeq()).toBe(seq);
    e.replayFromTime('c', 0);
    expect(view(e).groups.find((g) => g.group === 'c')!.committed).toEqual([0, 0, 0]);
    expect(e.replayFromTime('t', 0)).toMatchObject({ ok: false, code: 'unknown-node' });
  });

  test('is deterministic: the same flow, seed and replay give the same trace', () => {
    const trace = () => {
      const e = createEngine({ flow: keyed, seed: 9 });
      e.advanceTo(1_800);
      e.replayFromTime('c', 700);
      e.run();
      return JSON.stringify(allHops(e));
    };
    expect(trace()).toBe(trace());
  });
});
