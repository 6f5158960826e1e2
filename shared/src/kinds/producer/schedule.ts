import { z } from 'zod';
import { PositiveMs } from '../../flow/primitives.js';

const Rate = z.number().finite().min(0, 'must be ≥ 0').max(1_000_000, 'must be at most 1,000,000');

/** From `at` (simulated ms) on, the producer runs at `rate` events per simulated second. */
export const RateStep = z.strictObject({ at: PositiveMs, rate: Rate });
export type RateStep = z.infer<typeof RateStep>;

/**
 * A producer's rate over time, on top of its `rate` (which holds before the first step, and outside a spike).
 * Steps must be in increasing `at` order so the rate at any moment is the last step at or before it.
 */
export const RateSchedule = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('steps'),
    steps: z
      .array(RateStep)
      .min(1, 'needs at least one step')
      .max(32, 'must have at most 32 steps')
      .superRefine((steps, ctx) => {
        for (let i = 1; i < steps.length; i++)
          if (steps[i]!.at <= steps[i - 1]!.at)
            ctx.addIssue({
              code: 'custom',
              path: [i, 'at'],
              message: `must be after the previous step's at (${steps[i - 1]!.at} ms)`,
            });
      })
      .default([{ at: 1000, rate: 10 }]),
  }),
  z.strictObject({
    type: z.literal('spike'),
    /** Start of the spike, simulated ms. */
    at: PositiveMs.default(1000),
    /** Length of the spike, simulated ms; the base rate resumes at `at + for`. */
    for: z.number().finite().positive('must be > 0').default(1000),
    rate: Rate.default(100),
  }),
]);
export type RateSchedule = z.infer<typeof RateSchedule>;

/** The rate (events per simulated second) the schedule gives at simulated ms `t`. */
export function rateAt(base: number, schedule: RateSchedule | undefined, t: number): number {
  if (!schedule) return base;
  if (schedule.type === 'spike')
    return t >= schedule.at && t < schedule.at + schedule.for ? schedule.rate : base;
  let rate = base;
  for (const s of schedule.steps) if (s.at <= t) rate = s.rate;
  return rate;
}

/** The first moment after `t` (simulated ms, exclusive) at which the schedule changes the rate; Infinity if none. */
export function nextRateChange(schedule: RateSchedule | undefined, t: number): number {
  if (!schedule) return Infinity;
  if (schedule.type === 'spike') {
    if (t < schedule.at) return schedule.at;
    if (t < schedule.at + schedule.for) return schedule.at + schedule.for;
    return Infinity;
  }
  for (const s of schedule.steps) if (s.at > t) return s.at;
  return Infinity;
}

/** Points of the rate as a step chart from 0 to `until` ms: one `[t, rate]` per change (for previews). */
export function ratePoints(
  base: number,
  schedule: RateSchedule | undefined,
  until: number,
): [number, number][] {
  const points: [number, number][] = [[0, rateAt(base, schedule, 0)]];
  for (let t = nextRateChange(schedule, 0); t <= until; t = nextRateChange(schedule, t))
    points.push([t, rateAt(base, schedule, t)]);
  return points;
}
