import type { Duration } from '@eventflow/shared';
import type { Ctx } from '../../ctx.js';

/** A processing or response time in simulated ms, drawn from the seeded PRNG when it is a distribution. */
export function sampleMs(s: Ctx, d: Duration): number {
  if (typeof d === 'number') return d;
  if ('min' in d) return d.min + s.rng.float() * (d.max - d.min);
  return Math.max(0, s.rng.normal(d.mean, d.stddev));
}
