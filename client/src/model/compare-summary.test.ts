import type { RunSummary } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { compareRows } from './compare-summary';

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
