import type { RunSummary } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { compareRows, nodeLatencyRows } from './compare-summary';

const latency = (p50: number) => ({ count: 1, min: p50, mean: p50, p50, p95: p50, p99: p50, max: p50 });
const summary = (over: { acked: number; violations: number; p50: number }): RunSummary => ({
  flow: 'f',
  seed: 1,
  simulatedMs: 1000,
  hops: 10,
  events: { produced: 25, emitted: 0 },
  outcomes: { acked: over.acked, filtered: 0, dropped: 0, deadLettered: 2, expired: 0, inFlight: 0 },
  processing: {
    attempts: 48,
    failures: 23,
    redeliveries: 21,
    duplicatesProcessed: 0,
    duplicatesSkipped: 0,
    orderViolations: over.violations,
  },
  conservation: { ok: true, expected: 27, accounted: 27 },
  nodes: {},
  groups: [],
  latency: { nodes: {}, endToEnd: latency(over.p50) },
  throughput: { producedPerSecond: 25, ackedPerSecond: 25 },
});

describe('compareRows', () => {
  it('marks the figures where the broker differs, with a signed difference', () => {
    const rows = compareRows(
      summary({ acked: 25, violations: 0, p50: 1056 }),
      summary({ acked: 1250, violations: 6, p50: 148 }),
    );
    const row = (key: string) => rows.find((r) => r.key === key)!;
    expect(row('produced')).toMatchObject({ simulator: '25', broker: '25', delta: '', differs: false });
    expect(row('acked')).toMatchObject({ simulator: '25', broker: '1,250', delta: '+1,225', differs: true });
    expect(row('orderViolations')).toMatchObject({ delta: '+6', differs: true });
    expect(row('e2e-p50').differs).toBe(true);
    expect(row('e2e-p50').delta.startsWith('−')).toBe(true);
  });

  it('calls latencies within a millisecond the same', () => {
    const rows = compareRows(
      summary({ acked: 1, violations: 0, p50: 5 }),
      summary({ acked: 1, violations: 0, p50: 5.4 }),
    );
    expect(rows.find((r) => r.key === 'e2e-p50')).toMatchObject({ differs: false, delta: '' });
  });
});

describe('compare tones and latency per node', () => {
  it('tones each figure by what it means: more acked better, more lost or slower worse', () => {
    const rows = compareRows(
      summary({ acked: 25, violations: 0, p50: 1056 }),
      summary({ acked: 20, violations: 6, p50: 148 }),
    );
    const tone = (key: string) => rows.find((r) => r.key === key)!.tone;
    expect(tone('acked')).toBe('worse');
    expect(tone('orderViolations')).toBe('worse');
    expect(tone('e2e-p50')).toBe('better');
    expect(tone('produced')).toBe('neutral');
  });

  it('lists p50/p95/p99 per node that moved, with signed deltas toned by speed', () => {
    const before = summary({ acked: 1, violations: 0, p50: 1 });
    const after = summary({ acked: 1, violations: 0, p50: 1 });
    const stats = (p50: number, p95: number, p99: number) => ({
      count: 9,
      min: 0,
      mean: p50,
      p50,
      p95,
      p99,
      max: p99,
    });
    before.latency.nodes = { t: stats(10, 20, 30), c: stats(100, 200, 300) };
    after.latency.nodes = { t: stats(10, 20, 30), c: stats(100, 150, 900) };
    const rows = nodeLatencyRows(['t', 'c'], before, after);
    expect(rows.map((r) => [r.node, r.percentile, r.delta === '' ? '' : r.delta[0], r.tone])).toEqual([
      ['c', 'p50', '', 'neutral'],
      ['c', 'p95', '−', 'better'],
      ['c', 'p99', '+', 'worse'],
    ]);
    // A node only one run reached is listed with a blank side and no delta.
    after.latency.nodes = { ...after.latency.nodes, d: stats(5, 5, 5) };
    const only = nodeLatencyRows(['d'], before, after);
    expect(only.map((r) => [r.before, r.delta, r.tone])).toEqual([
      ['—', '', 'neutral'],
      ['—', '', 'neutral'],
      ['—', '', 'neutral'],
    ]);
  });
});
