import { describe, expect, it } from 'vitest';
import { chainDepths, computeSpans, spanRange } from './waterfall';
import { RETRIED_THEN_ACKED } from './test-hops';

describe('computeSpans', () => {
  const spans = computeSpans(RETRIED_THEN_ACKED);
  const bars = spans.filter((s) => s.kind !== 'mark').map((s) => [s.event, s.kind, s.where, s.start, s.end]);

  it('has queued, processing per attempt and backoff between attempts, to simulated scale', () => {
    expect(bars).toEqual([
      ['e1', 'queued', 'charger', 0, 1],
      ['e1', 'processing', 'charger', 1, 21],
      ['e1', 'backoff', 'charger', 21, 121],
      ['e1', 'processing', 'charger', 121, 141],
      ['e1', 'backoff', 'charger', 141, 341],
      ['e1', 'processing', 'charger', 341, 361],
      ['e2', 'queued', 'ledger', 361, 362],
      ['e2', 'processing', 'ledger', 362, 367],
    ]);
  });

  it('puts chained events one level deeper and points spans at the hop that starts them', () => {
    expect(chainDepths(RETRIED_THEN_ACKED)).toEqual(
      new Map([
        ['e1', 0],
        ['e2', 1],
      ]),
    );
    expect(spans.filter((s) => s.event === 'e2').every((s) => s.depth === 1)).toBe(true);
    const backoff = spans.find((s) => s.kind === 'backoff');
    expect(backoff && RETRIED_THEN_ACKED[backoff.hop]?.type).toBe('retry-scheduled');
  });

  it('marks births and endings and covers the whole range', () => {
    expect(spans.filter((s) => s.kind === 'mark').map((s) => `${s.event}:${s.label}`)).toEqual([
      'e1:produced',
      'e1:acked',
      'e2:emitted',
      'e2:acked',
    ]);
    expect(spanRange(spans)).toEqual({ from: 0, to: 367 });
    expect(spanRange([])).toEqual({ from: 0, to: 1 });
  });
});

describe('a crash in the waterfall', () => {
  it('ends the processing bar at the crash and queues the event until the next owner delivers it', () => {
    const base = { event: 'e1', trace: 't', node: 'billing', group: 'billing', partition: 0, offset: 0 };
    const hops = [
      { ...base, seq: 1, t: 0, type: 'published' as const, node: 'orders', group: undefined },
      { ...base, seq: 2, t: 5, type: 'delivered' as const, instance: 1, attempt: 1 },
      { ...base, seq: 3, t: 20, type: 'crashed' as const, instance: 1, attempt: 1 },
      {
        ...base,
        seq: 4,
        t: 20,
        type: 'delivered' as const,
        instance: 0,
        attempt: 2,
        reason: 'redelivered after a rebalance',
      },
      { ...base, seq: 5, t: 50, type: 'acked' as const, instance: 0, attempt: 2 },
    ];
    const bars = computeSpans(hops)
      .filter((x) => x.kind !== 'mark')
      .map((x) => [x.kind, x.label, x.start, x.end]);
    expect(bars).toEqual([
      ['queued', 'queued in orders', 0, 5],
      ['processing', 'processing, attempt 1 → crashed', 5, 20],
      ['queued', "waiting for the partition's next owner", 20, 20],
      ['processing', 'processing, attempt 2 → acked', 20, 50],
    ]);
  });
});

describe('a service call in the waterfall', () => {
  it("shows the caller's wait on the callee's row, inside the caller's processing bar", () => {
    const base = { event: 'e1', trace: 't', node: 'checkout', group: 'checkout', attempt: 1, instance: 0 };
    const call = { ...base, node: 'inventory', edge: 'checkout-inventory' };
    const hops = [
      { ...base, seq: 1, t: 0, type: 'delivered' as const, partition: 0, offset: 0 },
      { ...call, seq: 2, t: 5, type: 'called' as const },
      { ...call, seq: 3, t: 55, type: 'call-timed-out' as const, reason: 'call-timeout: …' },
      { ...base, seq: 4, t: 55, type: 'failed' as const, partition: 0, offset: 0 },
    ];
    const bars = computeSpans(hops)
      .filter((x) => x.kind !== 'mark')
      .map((x) => [x.where, x.label, x.start, x.end]);
    expect(bars).toEqual([
      ['checkout', 'processing, attempt 1 → failed', 0, 55],
      ['inventory', 'service call → call-timed-out', 5, 55],
    ]);
  });
});
