import { describe, expect, test } from 'vitest';
import { chain, consumer, flow, producer, runFlow, simpleFlow, topic } from './test-helpers.js';

describe('run summary: groups, latency and throughput', () => {
  test('a fixed pipeline reports its exact latencies per node and end to end', () => {
    const doc = simpleFlow({ count: 10, rate: 10 }, { processingMs: 10 }, { latencyMs: 5 });
    const s = runFlow(doc).engine.summary();
    expect(s.latency.nodes['t']).toEqual({ count: 10, min: 5, mean: 5, p50: 5, p95: 5, p99: 5, max: 5 });
    expect(s.latency.nodes['c']).toMatchObject({ count: 10, p50: 10, p99: 10 });
    expect(s.latency.endToEnd).toMatchObject({ count: 10, min: 15, p50: 15, max: 15 });
    expect(s.latency.nodes['p']).toBeUndefined();
    expect(s.nodes['t']).toMatchObject({ in: 10, out: 10 });
    // 10 events over 900 ms of arrivals; the last ack 15 ms after the last arrival.
    expect(s.simulatedMs).toBe(915);
    expect(s.throughput.producedPerSecond).toBeCloseTo(10_000 / 900, 9);
    expect(s.throughput.ackedPerSecond).toBeCloseTo(10_000 / 915, 9);
    expect(s.groups[0]!.ackedPerSecond).toBeCloseTo(10_000 / 915, 9);
    expect(s.groups).toEqual([
      expect.objectContaining({ group: 'c', consumers: ['c'], expected: 10, acked: 10, inFlight: 0 }),
    ]);
  });

  test('end to end spans a whole chain, from the root produced to the last consumer', () => {
    const doc = flow({
      nodes: [
        producer('p', { count: 4, rate: 10 }),
        topic('t1'),
        consumer('c1', { processingMs: 10, emits: [{ eventType: 'Next' }] }),
        topic('t2'),
        consumer('c2', { processingMs: 20 }),
      ],
      edges: chain('p', 't1', 'c1', 't2', 'c2'),
    });
    const s = runFlow(doc).engine.summary();
    // t1 wait 1 + c1 10 + t2 wait 1 + c2 20: only c2 ends the chain, so 4 samples, not 8.
    expect(s.latency.endToEnd).toMatchObject({ count: 4, min: 32, p99: 32, max: 32 });
    expect(s.latency.nodes['c1']).toMatchObject({ count: 4, p50: 10 });
  });

  test('fan-out: the topic shows every event in once and out once per group', () => {
    const doc = flow({
      nodes: [
        producer('p', { count: 20, rate: 100 }),
        topic('t'),
        consumer('a'),
        consumer('b'),
        consumer('c'),
      ],
      edges: [...chain('p', 't', 'a'), ...chain('t', 'b'), ...chain('t', 'c')],
    });
    const s = runFlow(doc).engine.summary();
    expect(s.nodes['t']).toMatchObject({ in: 20, out: 60 });
    expect(s.groups.map((g) => [g.group, g.acked])).toEqual([
      ['a', 20],
      ['b', 20],
      ['c', 20],
    ]);
  });

  test('duplicates and order violations are counted against the group that made them', () => {
    const doc = flow({
      nodes: [
        producer('p', { count: 40, rate: 100, key: '"k" + string(seq % 2)' }),
        topic('t'),
        consumer('naive', { delivery: 'at-least-once', ackLossRate: 0.4, processingMs: 5 }),
        consumer('safe', { delivery: 'exactly-once', ackLossRate: 0.4, processingMs: 5 }),
        consumer('loose', { failureRate: 0.4, retry: 'requeue', maxAttempts: 5, processingMs: 5 }),
      ],
      edges: [...chain('p', 't', 'naive'), ...chain('t', 'safe'), ...chain('t', 'loose')],
    });
    const s = runFlow(doc, 3).engine.summary();
    const g = Object.fromEntries(s.groups.map((x) => [x.group, x]));
    expect(g['naive']!.duplicatesProcessed).toBeGreaterThan(0);
    expect(g['safe']!.duplicatesProcessed).toBe(0);
    expect(g['safe']!.duplicatesSkipped).toBeGreaterThan(0);
    expect(g['loose']!.orderViolations).toBeGreaterThan(0);
    expect(g['naive']!.orderViolations + g['safe']!.orderViolations).toBe(
      s.processing.orderViolations - g['loose']!.orderViolations,
    );
  });
});
