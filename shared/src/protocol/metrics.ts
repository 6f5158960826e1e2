import { z } from 'zod';

/**
 * A node's counters: the part of its live metrics that the trace itself determines, so `run:metrics-at`
 * can recount them as of an earlier stored hop. Which fields appear depends on the node kind.
 */
export const NodeCounts = z.object({
  in: z.number(),
  out: z.number(),
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
});
export type NodeCounts = z.infer<typeof NodeCounts>;

/** Live counters for one node, sent with `run:metrics` at a steady cadence. Rates are per simulated second. */
export const NodeMetrics = NodeCounts.extend({
  rate: z.number(),
  /** Consumers: per instance, whether it is processing and which partitions it owns. */
  instances: z
    .array(
      z.object({
        busy: z.boolean(),
        partitions: z.array(z.number()),
        /** Taken down (an outage, by hand): it owns no partitions until it is back. */
        down: z.boolean().optional(),
      }),
    )
    .optional(),
  /** Topics: the broker is down (a scheduled outage or `run:topic-outage`). */
  down: z.boolean().optional(),
  /** Producers: events held until the topics they go to are back (`onTopicDown: "buffer"`). */
  buffered: z.number().optional(),
  /** Projections: events stored but not yet applied, and simulated ms since the oldest of them was stored. */
  behind: z.number().optional(),
  behindMs: z.number().optional(),
  /** Projections: a rebuild under way, as store positions replayed of the live position to reach. */
  rebuilding: z.object({ done: z.number(), of: z.number() }).optional(),
});
export type NodeMetrics = z.infer<typeof NodeMetrics>;

export const EdgeCounts = z.object({ count: z.number() });
export type EdgeCounts = z.infer<typeof EdgeCounts>;

export const EdgeMetrics = EdgeCounts.extend({ rate: z.number() });
export type EdgeMetrics = z.infer<typeof EdgeMetrics>;

/** One reading of every counter of a run at simulated ms `t`: the body of `run:metrics`. */
export const RunMetrics = z.object({
  t: z.number(),
  nodes: z.record(z.string(), NodeMetrics),
  edges: z.record(z.string(), EdgeMetrics),
});
export type RunMetrics = z.infer<typeof RunMetrics>;

/** What `run:metrics-at` answers: the counters as they stood right after hop `seq`. */
export const CountsAt = z.object({
  /** The hop counted up to (inclusive) and its simulated ms. */
  seq: z.number(),
  t: z.number(),
  /**
   * Oldest hop counted. Above 1 when older hops had been evicted from the run's bounded store: the counts
   * then cover only the hops from here on.
   */
  fromSeq: z.number(),
  nodes: z.record(z.string(), NodeCounts),
  edges: z.record(z.string(), EdgeCounts),
});
export type CountsAt = z.infer<typeof CountsAt>;

export const RUN_STATUSES = ['paused', 'running', 'completed', 'stopped', 'failed'] as const;
export const RunStatus = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatus>;
