import type { Backoff, Duration } from '@eventflow/shared';
import { createRandom, hashString, mix32, type Random } from '../../engine/random.js';

/**
 * The PRNG of one delivery attempt. A simulated run draws from one stream in the order its tasks run; a broker
 * run cannot (the broker decides the interleaving), so each attempt gets its own stream from the seed, the event,
 * the group and the attempt number: the same attempt makes the same decisions on every broker and every rerun.
 */
export function attemptRandom(seed: number, eventId: string, group: string, attempt: number): Random {
  return createRandom(mix32(seed ^ hashString(`${eventId}|${group}`), attempt));
}

/** A per-producer stream, for payload `rand` and Poisson arrivals. */
export function producerRandom(seed: number, producerId: string): Random {
  return createRandom(mix32(seed, hashString(producerId)));
}

/** A processing time in ms, drawn when it is a distribution (as the simulator's `sampleMs`). */
export function sampleMs(rng: Random, d: Duration): number {
  if (typeof d === 'number') return d;
  if ('min' in d) return d.min + rng.float() * (d.max - d.min);
  return Math.max(0, rng.normal(d.mean, d.stddev));
}

/** The wait before attempt `attempt + 1` (as the simulator's). */
export function backoffMs(b: Backoff, attempt: number): number {
  if (typeof b === 'number') return b;
  return Math.min(b.max, b.initial * b.multiplier ** (attempt - 1));
}
