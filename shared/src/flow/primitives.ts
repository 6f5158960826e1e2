import { z } from 'zod';

/** Node ids are stable, human-readable keys that edges and traces refer to. */
export const NodeId = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_.-]+$/, 'may contain only letters, digits, "_", "." and "-"');

/** A CEL source string. Its syntax and fields are checked by `validateFlow`, not here. */
export const CelSource = z.string().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters');

export const Position = z.object({ x: z.number().finite(), y: z.number().finite() });

export const Probability = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
export const PositiveMs = z.number().finite().nonnegative('must be ≥ 0');

/** Processing time in simulated ms: fixed, uniform in [min, max], or normal (clamped at 0). */
export const Duration = z.union([
  PositiveMs,
  z.strictObject({ min: PositiveMs, max: PositiveMs }).refine((d) => d.max >= d.min, {
    message: 'max must be ≥ min',
    path: ['max'],
  }),
  z.strictObject({ mean: PositiveMs, stddev: PositiveMs }),
]);
export type Duration = z.infer<typeof Duration>;

/** Retry backoff in simulated ms: fixed, or exponential `initial × multiplier^(attempt-1)` capped at `max`. */
export const Backoff = z.union([
  PositiveMs,
  z.strictObject({
    initial: PositiveMs,
    multiplier: z.number().min(1, 'must be ≥ 1').max(100).default(2),
    max: PositiveMs.default(60_000),
  }),
]);
export type Backoff = z.infer<typeof Backoff>;

const base = {
  id: NodeId,
  label: z.string().max(128).optional(),
  position: Position.optional(),
};

/** The node schema of one kind: the fields every node has, its `kind` literal and its config. */
export const kindNode = <K extends string, C extends z.ZodType>(kind: K, config: C) =>
  z.strictObject({ ...base, kind: z.literal(kind), config });
