import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createHistogram, percentile, record, statsOf } from './latency.js';

/** The exact nearest-rank percentile the histogram estimates. */
function exact(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length - 1e-9)) - 1]!;
}

const samplesArb = fc.array(
  fc.oneof(
    fc.double({ min: 0, max: 1e7, noNaN: true }),
    fc.integer({ min: 0, max: 5000 }),
    fc.constant(0),
    fc.double({ min: 0, max: 0.002, noNaN: true }),
  ),
  { minLength: 1, maxLength: 400 },
);

describe('latency histogram', () => {
  test('percentiles are monotone, inside [min, max], and within the documented error of the exact ones', () => {
    fc.assert(
      fc.property(samplesArb, (samples) => {
        const h = createHistogram();
        for (const v of samples) record(h, v);
        const s = statsOf(h);
        expect(s.count).toBe(samples.length);
        expect(s.min).toBe(Math.min(...samples));
        expect(s.max).toBe(Math.max(...samples));
        expect(s.min).toBeLessThanOrEqual(s.p50);
        expect(s.p50).toBeLessThanOrEqual(s.p95);
        expect(s.p95).toBeLessThanOrEqual(s.p99);
        expect(s.p99).toBeLessThanOrEqual(s.max);
        for (const q of [0.5, 0.95, 0.99, 1]) {
          const want = exact(samples, q);
          const got = percentile(h, q);
          // 1/32 relative (the bucket's half width), or 2^-10 ms absolute for the smallest values.
          expect(Math.abs(got - want)).toBeLessThanOrEqual(Math.max(want / 32, 2 ** -10) + 1e-12);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a constant latency is reported exactly', () => {
    const h = createHistogram();
    for (let i = 0; i < 50; i++) record(h, 37);
    expect(statsOf(h)).toEqual({ count: 50, min: 37, mean: 37, p50: 37, p95: 37, p99: 37, max: 37 });
  });

  test('p95 of 1..100 ms is the 95th value, to within the bucket bound', () => {
    const h = createHistogram();
    for (let i = 1; i <= 100; i++) record(h, i);
    expect(Math.abs(percentile(h, 0.95) - 95) / 95).toBeLessThanOrEqual(1 / 32);
    expect(Math.abs(percentile(h, 0.5) - 50) / 50).toBeLessThanOrEqual(1 / 32);
    expect(statsOf(h).mean).toBe(50.5);
  });

  test('an empty histogram reports zeros, and its memory does not grow with samples', () => {
    const h = createHistogram();
    expect(statsOf(h)).toEqual({ count: 0, min: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 });
    const before = h.counts.length;
    for (let i = 0; i < 100_000; i++) record(h, i * 7.3);
    expect(h.counts.length).toBe(before);
    expect(statsOf(h).count).toBe(100_000);
  });
});
