import { z } from 'zod';

/** Longest simulated span an outage may start at or last (ms): a day, far beyond any run a person watches. */
export const MAX_OUTAGE_MS = 86_400_000;

const ms = (what: string) =>
  z
    .number()
    .finite()
    .min(0, `${what} must be ≥ 0 ms`)
    .max(MAX_OUTAGE_MS, `${what} must be at most ${MAX_OUTAGE_MS} ms (a day)`);

/**
 * A scheduled outage: from `at` (simulated ms) for `for` ms the consumer, or only its instance `instance`
 * (0-based within this consumer node), is down. Overlapping outages of one instance keep it down until the last ends.
 */
export const Outage = z.strictObject({
  at: ms('at'),
  for: ms('for').refine((n) => n > 0, 'for must be > 0 ms'),
  instance: z
    .number()
    .int('must be an integer')
    .min(0, 'must be ≥ 0')
    .max(63, 'must be at most 63')
    .optional(),
});
export type Outage = z.infer<typeof Outage>;

/**
 * Scaling the group's instances on lag (entries published but not yet fetched by the group). Checked every
 * `cooldownMs` of simulated time while there is work: it scales out to ⌈lag / targetLag⌉ (at most `max`) and
 * in by one instance when the lag is under half the target per remaining instance (at least `min`), never
 * twice within `cooldownMs`.
 */
export const Autoscale = z
  .strictObject({
    min: z.number().int('must be an integer').min(1, 'must be an integer ≥ 1').max(64, 'must be at most 64'),
    max: z.number().int('must be an integer').min(1, 'must be an integer ≥ 1').max(64, 'must be at most 64'),
    /** Unfetched entries one instance may have behind it before another is added. */
    targetLag: z.number().int('must be an integer').min(1, 'must be an integer ≥ 1').max(1_000_000),
    cooldownMs: z.number().finite().min(10, 'must be ≥ 10 ms').max(MAX_OUTAGE_MS).default(1000),
  })
  .refine((a) => a.max >= a.min, { message: 'max must be ≥ min', path: ['max'] });
export type Autoscale = z.infer<typeof Autoscale>;
