import type { LatencyStats, RunSummary } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { conservationText, groupRows, latencyRows, opensSummary, SUMMARY_VOCABULARY } from './run-summary';
import { splitWatch } from './example-text';

const none: LatencyStats = { count: 0, min: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
const group = (name: string, over: Partial<RunSummary['groups'][number]> = {}) => ({
  group: name,
  consumers: [name],
  expected: 10,
  acked: 10,
  filtered: 0,
  dropped: 0,
  deadLettered: 0,
  expired: 0,
  inFlight: 0,
  duplicatesProcessed: 0,
  duplicatesSkipped: 0,
  orderViolations: 0,
  ackedPerSecond: 12.345,
  ...over,
});
const summary = (over: Partial<RunSummary> = {}): RunSummary => ({
  flow: 'f',
  seed: 1,
  simulatedMs: 1000,
  hops: 10,
  events: { produced: 10, emitted: 0 },
  outcomes: { acked: 20, filtered: 0, dropped: 0, deadLettered: 0, expired: 0, inFlight: 0 },
  processing: {
    attempts: 20,
    failures: 0,
    redeliveries: 0,
    duplicatesProcessed: 3,
    duplicatesSkipped: 0,
    orderViolations: 0,
  },
  conservation: { ok: true, expected: 20, accounted: 20 },
  nodes: {},
  groups: [group('naive', { duplicatesProcessed: 3 }), group('safe', { duplicatesSkipped: 2 })],
  latency: {
    nodes: { t: { count: 20, min: 1, mean: 1, p50: 1, p95: 1, p99: 1, max: 1 }, c: none },
    endToEnd: { count: 20, min: 10, mean: 20, p50: 12.5, p95: 1234.4, p99: 2000, max: 2001 },
  },
  throughput: { producedPerSecond: 10, ackedPerSecond: 20 },
  ...over,
});

describe('run summary rows', () => {
  it('lay figures out as rows and groups as columns, formatted for people, losses marked only when non-zero', () => {
    const rows = groupRows(summary());
    const dup = rows.find((r) => r.label === 'Duplicates processed')!;
    expect(dup.cells.map((c) => [c.group, c.text, c.tone])).toEqual([
      ['naive', '3', 'bad'],
      ['safe', '0', 'neutral'],
    ]);
    expect(rows.find((r) => r.key === 'ackedPerSecond')!.cells[0]!.text).toBe('12.3');
    for (const r of rows) expect(SUMMARY_VOCABULARY).toContain(r.label);
  });

  it('list latency per node in the document’s order, then end to end, with – for nothing measured', () => {
    const rows = latencyRows(summary(), [
      { id: 'p', label: 'Producer', kind: 'producer' },
      { id: 'c', label: 'Consumer', kind: 'consumer' },
      { id: 't', label: '', kind: 'topic' },
    ]);
    expect(rows.map((r) => r.name)).toEqual(['Consumer', 't', 'End to end']);
    expect(rows[0]!.values.p99).toBe('–');
    expect(rows[2]!.values).toEqual({ p50: '13 ms', p95: '1,234 ms', p99: '2,000 ms', max: '2,001 ms' });
  });

  it('say whether conservation holds, counting what is still in flight', () => {
    expect(conservationText(summary())).toBe('Conservation holds: 20 of 20 deliveries have an outcome');
    const running = summary({
      conservation: { ok: true, expected: 1500, accounted: 1200 },
      outcomes: { acked: 1200, filtered: 0, dropped: 0, deadLettered: 0, expired: 0, inFlight: 300 },
    });
    expect(conservationText(running)).toBe(
      'Conservation holds: 1,200 of 1,500 deliveries have an outcome, 300 still in flight',
    );
    expect(conservationText(summary({ conservation: { ok: false, expected: 20, accounted: 19 } }))).toMatch(
      /^Conservation failed: 20 expected, 19 accounted for/,
    );
  });
});

describe('when the Run summary opens itself', () => {
  it.each([
    ['running', 'paused', undefined, true],
    ['running', 'completed', undefined, true],
    ['paused', 'completed', undefined, true],
    ['running', 'stopped', undefined, true],
    ['running', 'failed', undefined, true],
    ['starting', 'paused', undefined, false],
    ['paused', 'paused', undefined, false],
    ['completed', 'paused', 'reset', false],
    ['running', 'paused', 'reset', false],
    ['completed', 'completed', undefined, false],
    ['idle', 'stopped', undefined, false],
  ] as const)('%s → %s (%s): %s', (prev, next, reason, opens) => {
    expect(opensSummary(prev, next, reason)).toBe(opens);
  });
});

describe('example text', () => {
  it('splits off the "What to watch" part', () => {
    expect(splitWatch('A flow. What to watch: the Run summary.')).toEqual({
      about: 'A flow.',
      watch: 'The Run summary.',
    });
    expect(splitWatch('No pointer here.')).toEqual({ about: 'No pointer here.' });
  });
});
