import { z } from 'zod';

/** Live counters for one node, sent with `run:metrics` at a steady cadence. Rates are per simulated second. */
export const NodeMetrics = z.object({
  in: z.number(),
  out: z.number(),
  rate: z.number(),
  inFlight: z.number(),
  failures: z.number(),
  acked: z.number().optional(),
  filtered: z.number().optional(),
  /** Filters: events whose expression failed to evaluate (each ends in a `filter-error` hop). */
  filterErrors: z.number().optional(),
  dropped: z.number().optional(),
  deadLettered: z.number().optional(),
  expired: z.number().optional(),
  /** Topics: per partition, events retained and the log end offset. */
  partitions: z.array(z.object({ depth: z.number(), end: z.number() })).optional(),
  /** Topics: per group, per partition, how far the group trails the log end. */
  lag: z.record(z.string(), z.array(z.number())).optional(),
  /** Consumers: per instance, whether it is processing and which partitions it owns. */
  instances: z.array(z.object({ busy: z.boolean(), partitions: z.array(z.number()) })).optional(),
});
export type NodeMetrics = z.infer<typeof NodeMetrics>;

export const EdgeMetrics = z.object({ count: z.number(), rate: z.number() });
export type EdgeMetrics = z.infer<typeof EdgeMetrics>;

/** One reading of every counter of a run at simulated ms `t`: the body of `run:metrics`. */
export const RunMetrics = z.object({
  t: z.number(),
  nodes: z.record(z.string(), NodeMetrics),
  edges: z.record(z.string(), EdgeMetrics),
});
export type RunMetrics = z.infer<typeof RunMetrics>;

export const RUN_STATUSES = ['paused', 'running', 'completed', 'stopped', 'failed'] as const;
export const RunStatus = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatus>;
