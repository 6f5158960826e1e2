import { describe, expect, test } from 'vitest';
import { createEngine } from './engine.js';
import {
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

/** An independent FNV-1a, so the partition rule is checked against the spec rather than the engine's own code. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (const ch of s) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

describe('producer timing', () => {
  test('fixed arrival: first event at t=0, then every 1000/rate ms, stopping at count', () => {
    const { hops, stop } = runFlow(simpleFlow({ rate: 4, count: 5 }));
    expect(stop).toBe('idle');
    expect(ofType(hops, 'produced').map((h) => [h.event, h.t])).toEqual([
      ['e1', 0],
      ['e2', 250],
      ['e3', 500],
      ['e4', 750],
      ['e5', 1000],
    ]);
  });

  test('poisson arrival: exponential gaps, so they vary, with a mean near 1000/rate', () => {
    const { hops } = runFlow(simpleFlow({ rate: 10, count: 200, arrival: 'poisson' }), 3);
    const times = ofType(hops, 'produced').map((h) => h.t);
    expect(times).toHaveLength(200);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(new Set(gaps).size).toBeGreaterThan(150);
    expect(gaps.every((g) => g >= 0)).toBe(true);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(mean).toBeGreaterThan(70);
    expect(mean).toBeLessThan(140);
  });

  test('rate 0 produces nothing until fired by hand', () => {
    const { engine, hops, stop } = runFlow(simpleFlow({ rate: 0 }));
    expect(stop).toBe('idle');
    expect(hops).toEqual([]);
    const r = engine.fire('p');
    expect(r).toEqual({ ok: true, value: { eventId: 'e1' } });
    engine.run();
    expect(typesOf(engine.trace.read(1, 100), 'e1')).toEqual([
      'produced',
      'published',
      'delivered',
      'processed',
      'acked',
    ]);
  });

  test('run stops at maxEvents root events', () => {
    const { engine, stop } = runFlow(simpleFlow({ rate: 100 }), 1, { maxEvents: 7 });
    expect(stop).toBe('max-events');
    expect(engine.summary().events.produced).toBe(7);
    expect(engine.summary().conservation.ok).toBe(true);
  });
});

describe('payload, key and event envelope', () => {
  test('default payload is {seq}; payload CEL builds data from seq', () => {
    const plain = runFlow(simpleFlow({ count: 2 })).engine;
    expect(plain.trace.event('e2')?.data).toEqual({ seq: 2 });
    const built = runFlow(
      simpleFlow({ count: 2, payload: '{"n": seq * 10, "tag": "x" + string(seq)}' }),
    ).engine;
    expect(built.trace.event('e1')?.data).toEqual({ n: 10, tag: 'x1' });
    expect(built.trace.event('e2')?.data).toEqual({ n: 20, tag: 'x2' });
  });

  test('the CloudEvent envelope carries id, type, source, time, traceparent, key and correlation', () => {
    const { engine, hops } = runFlow(
      simpleFlow({ rate: 2, count: 2, eventType: 'OrderPlaced', key: '"k" + string(seq)' }),
      9,
    );
    const e2 = engine.trace.event('e2')!;
    expect(e2).toMatchObject({
      specversion: '1.0',
      id: 'e2',
      type: 'OrderPlaced',
      source: '/nodes/p',
      time: '2026-01-01T00:00:00.500Z',
      datacontenttype: 'application/json',
      partitionkey: 'k2',
      correlationid: 'e2',
    });
    expect(e2.causationid).toBeUndefined();
    const trace = hops.find((h) => h.event === 'e2')!.trace;
    expect(trace).toMatch(/^[0-9a-f]{32}$/);
    expect(e2.traceparent).toMatch(new RegExp(`^00-${trace}-[0-9a-f]{16}-01$`));
    expect(hops.filter((h) => h.event === 'e2').every((h) => h.trace === trace)).toBe(true);
    expect(hops.find((h) => h.event === 'e1')!.trace).not.toBe(trace);
  });

  test('unknown event ids have no event', () => {
    const { engine } = runFlow(simpleFlow({ count: 1 }));
    expect(engine.trace.event('e2')).toBeUndefined();
    expect(engine.trace.event('nope')).toBeUndefined();
  });
});

describe('partitions', () => {
  test('keyed events go to fnv1a(key) mod partitions, the same key always to the same partition', () => {
    const doc = simpleFlow({ count: 12, key: '"customer-" + string(seq % 4)' }, {}, { partitions: 3 });
    const { engine, hops } = runFlow(doc);
    const published = ofType(hops, 'published');
    expect(published).toHaveLength(12);
    for (const h of published) {
      const key = engine.trace.event(h.event)!.partitionkey!;
      expect(h.partition).toBe(fnv1a(key) % 3);
    }
    const byKey = new Map<string, Set<number>>();
    for (const h of published) {
      const key = engine.trace.event(h.event)!.partitionkey!;
      byKey.set(key, (byKey.get(key) ?? new Set()).add(h.partition!));
    }
    expect([...byKey.values()].every((s) => s.size === 1)).toBe(true);
  });

  test('keyless events round-robin over partitions with per-partition offsets', () => {
    const { hops } = runFlow(simpleFlow({ count: 6 }, {}, { partitions: 3 }));
    expect(ofType(hops, 'published').map((h) => [h.partition, h.offset])).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
  });
});

describe('publish-side filters', () => {
  const filtered = (expression: string) =>
    flow({
      nodes: [producer('p', { count: 4 }), filter('f', expression), topic('t'), consumer('c')],
      edges: chain('p', 'f', 't', 'c'),
    });

  test('passing events are routed then published; the others are filtered and never published', () => {
    const { engine, hops } = runFlow(filtered('int(data.seq) % 2 == 0'));
    expect(typesOf(hops, 'e1')).toEqual(['produced', 'filtered']);
    expect(typesOf(hops, 'e2')).toEqual([
      'produced',
      'routed',
      'published',
      'delivered',
      'processed',
      'acked',
    ]);
    const f = hops.find((h) => h.event === 'e1' && h.type === 'filtered')!;
    expect(f).toMatchObject({ node: 'f', edge: 'p.f' });
    expect(f.reason).toContain('int(data.seq) % 2 == 0');
    expect(hops.find((h) => h.event === 'e2' && h.type === 'published')!.edge).toBe('f.t');
    const s = engine.summary();
    expect(s.outcomes).toMatchObject({ acked: 2, filtered: 0 });
    expect(s.conservation).toEqual({ ok: true, expected: 2, accounted: 2 });
    expect(s.nodes.f).toMatchObject({ in: 4, out: 2, filtered: 2, filterErrors: 0 });
  });

  test('an expression that errors at run time is traced as filter-error, not silently dropped', () => {
    const { engine, hops } = runFlow(filtered('data.missing > 1'));
    expect(typesOf(hops, 'e1')).toEqual(['produced', 'filter-error']);
    expect(hops.find((h) => h.type === 'filter-error')!.reason).toBeTruthy();
    expect(engine.summary().nodes.f).toMatchObject({ filterErrors: 4 });
    // Live metrics carry the same count, for the filter node's error badge.
    expect(engine.metrics().nodes.f).toMatchObject({ filterErrors: 4, filtered: 0 });
    expect(engine.summary().conservation.ok).toBe(true);
  });

  test('a producer reaching two topics publishes to each', () => {
    const doc = flow({
      nodes: [producer('p', { count: 1 }), topic('a'), topic('b'), consumer('ca'), consumer('cb')],
      edges: [...chain('p', 'a', 'ca'), ...chain('p', 'b', 'cb')],
    });
    const { hops } = runFlow(doc);
    expect(ofType(hops, 'published').map((h) => h.node)).toEqual(['a', 'b']);
    expect(
      ofType(hops, 'acked')
        .map((h) => h.node)
        .sort(),
    ).toEqual(['ca', 'cb']);
  });
});

describe('payload errors', () => {
  test('a payload expression that fails drops the event at the producer with the reason', () => {
    const engine = createEngine({ flow: simpleFlow({ count: 1, payload: '{"x": 1 / (seq - 1)}' }), seed: 1 });
    engine.run();
    const hops = engine.trace.read(1, 100);
    expect(typesOf(hops, 'e1')).toEqual(['produced', 'dropped']);
    expect(hops[1]!.reason).toMatch(/payload failed/);
  });
});
