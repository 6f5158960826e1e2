import type { LatencyStats } from './summary.js';

/**
 * A fixed log-bucket latency histogram: memory is constant however many samples a run records, and the
 * bucket of a value comes from its float64 bits (exponent and top 4 mantissa bits), so it is exact and
 * deterministic, with no `Math.log` rounding to differ between platforms.
 *
 * Buckets cover [2^MIN_EXP, 2^MAX_EXP) ms with 16 linear sub-buckets per power of two, so a bucket is at most
 * 1/16 of its lower bound wide; reporting its midpoint puts a percentile within 1/32 (3.125 %) of the exact
 * nearest-rank value. Values below 2^MIN_EXP ms (about 1 µs, including 0) share one bucket reported as the
 * exact minimum (absolute error < 2^MIN_EXP ms); values from 2^MAX_EXP ms (about 35 simulated years) share
 * the last. Every estimate is clamped into the exact [min, max], so p50 ≤ p95 ≤ p99 ≤ max always holds.
 */
const SUB_BITS = 4;
const SUB = 1 << SUB_BITS;
const MIN_EXP = -10;
const MAX_EXP = 40;
const BUCKETS = (MAX_EXP - MIN_EXP) * SUB;
const LOWEST = 2 ** MIN_EXP;

export interface Histogram {
  counts: Float64Array;
  /** Samples below 2^MIN_EXP ms. */
  small: number;
  n: number;
  sum: number;
  min: number;
  max: number;
}

export function createHistogram(): Histogram {
  return { counts: new Float64Array(BUCKETS), small: 0, n: 0, sum: 0, min: Infinity, max: -Infinity };
}

// One scratch view, reused: reading a double's bits must not allocate on the hot path.
const bits = new DataView(new ArrayBuffer(8));

export function bucketOf(ms: number): number {
  bits.setFloat64(0, ms);
  const hi = bits.getUint32(0);
  const exp = (hi >>> 20) - 1023;
  const index = (exp - MIN_EXP) * SUB + ((hi >>> (20 - SUB_BITS)) & (SUB - 1));
  return Math.min(index, BUCKETS - 1);
}

/** Records one latency sample (simulated ms, ≥ 0). */
export function recordLatency(h: Histogram, ms: number): void {
  h.n++;
  h.sum += ms;
  if (ms < h.min) h.min = ms;
  if (ms > h.max) h.max = ms;
  if (ms < LOWEST) h.small++;
  else h.counts[bucketOf(ms)]!++;
}

/** Midpoint of a bucket: the value reported for every sample in it. */
function midpointOf(bucket: number): number {
  const base = 2 ** (Math.floor(bucket / SUB) + MIN_EXP);
  return base * (1 + ((bucket % SUB) + 0.5) / SUB);
}

/** Nearest-rank percentile estimate, `q` in (0, 1]. */
export function percentile(h: Histogram, q: number): number {
  if (h.n === 0) return 0;
  // The epsilon keeps q × n that is an integer in exact arithmetic (0.95 × 20) from rounding up a rank.
  const rank = Math.max(1, Math.ceil(q * h.n - 1e-9));
  let seen = h.small;
  if (rank <= seen) return h.min;
  for (let b = 0; b < BUCKETS; b++) {
    seen += h.counts[b]!;
    if (rank <= seen) return Math.min(h.max, Math.max(h.min, midpointOf(b)));
  }
  return h.max;
}

export function statsOf(h: Histogram): LatencyStats {
  if (h.n === 0) return { count: 0, min: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  return {
    count: h.n,
    min: h.min,
    mean: h.sum / h.n,
    p50: percentile(h, 0.5),
    p95: percentile(h, 0.95),
    p99: percentile(h, 0.99),
    max: h.max,
  };
}
