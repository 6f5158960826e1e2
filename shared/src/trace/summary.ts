import { z } from 'zod';

const count = z.number();

/** Per-node counters of a run; which fields appear depends on the node kind. */
export const NodeStats = z.object({
  in: count.optional(),
  /** For a topic: entries its subscriptions fetched (one per publication × group that read it; redeliveries are not counted again). */
  out: count.optional(),
  filtered: count.optional(),
  filterErrors: count.optional(),
  acked: count.optional(),
  failed: count.optional(),
  dropped: count.optional(),
  deadLettered: count.optional(),
  expired: count.optional(),
  duplicatesSkipped: count.optional(),
});
export type NodeStats = z.infer<typeof NodeStats>;

/**
 * Latency percentiles in simulated ms, from a fixed log-bucket histogram (16 linear buckets per power of
 * two from 2^-10 ms up): each percentile is within 1/32 (3.125 %) of the exact nearest-rank value, or within
 * 2^-10 ms of it below 2^-10 ms; `min`, `max`, `mean` and `count` are exact. All zero when `count` is 0.
 */
export const LatencyStats = z.object({
  count,
  min: z.number(),
  mean: z.number(),
  p50: z.number(),
  p95: z.number(),
  p99: z.number(),
  max: z.number(),
});
export type LatencyStats = z.infer<typeof LatencyStats>;

/** One consumer group's outcomes: a group is the unit that receives every event of the topics it reads. */
export const GroupSummary = z.object({
  /** The group's name (a consumer's `group`, else its node id). */
  group: z.string(),
  /** Consumer node ids in the group, sorted. */
  consumers: z.array(z.string()),
  /** (publication × subscription) pairs this group is owed; equals the sum of the outcomes and `inFlight`. */
  expected: count,
  acked: count,
  filtered: count,
  dropped: count,
  deadLettered: count,
  expired: count,
  inFlight: count,
  duplicatesProcessed: count,
  duplicatesSkipped: count,
  orderViolations: count,
  /** Acks per simulated second, from 0 to the group's last ack (so idle time after the work does not dilute it). */
  ackedPerSecond: z.number(),
});
export type GroupSummary = z.infer<typeof GroupSummary>;

/** What `eventflow run --json` prints, and what a finished run reports (in `run:state`). */
export const RunSummary = z.object({
  flow: z.string(),
  seed: z.number(),
  /** Simulated ms the run covered. */
  simulatedMs: z.number(),
  hops: count,
  events: z.object({ produced: count, emitted: count }),
  outcomes: z.object({
    acked: count,
    filtered: count,
    dropped: count,
    deadLettered: count,
    expired: count,
    inFlight: count,
  }),
  processing: z.object({
    attempts: count,
    failures: count,
    redeliveries: count,
    duplicatesProcessed: count,
    duplicatesSkipped: count,
    orderViolations: count,
  }),
  /** Every (event published to a topic × subscription) must have exactly one terminal outcome or be in flight. */
  conservation: z.object({ ok: z.boolean(), expected: count, accounted: count }),
  nodes: z.record(z.string(), NodeStats),
  /** Per consumer group, in the order groups first appear among consumers sorted by id. */
  groups: z.array(GroupSummary),
  latency: z.object({
    /**
     * Per topic: published → fetched by a group (time waiting in the topic). Per consumer: first delivery →
     * outcome (acked, dropped or dead-lettered: processing, retries and backoff). Other kinds have none.
     */
    nodes: z.record(z.string(), LatencyStats),
    /** Root event produced → first processed by a consumer that emits nothing (the end of its chain). */
    endToEnd: LatencyStats,
    /**
     * End to end per root producer, when the flow has more than one: designs drawn side by side in one flow
     * (request-response beside events) compare on the same seed. Absent from a summary recounted from a trace.
     */
    endToEndBy: z.record(z.string(), LatencyStats).optional(),
  }),
  /** Per simulated second, from 0 to the last event produced / the last ack. */
  throughput: z.object({ producedPerSecond: z.number(), ackedPerSecond: z.number() }),
  /**
   * Per consumer that reads a projection (a query edge, decision 0029): its row reads, and how many of them
   * found the row stale. Absent when the flow has no query edge.
   */
  reads: z.record(z.string(), z.object({ reads: count, stale: count })).optional(),
});
export type RunSummary = z.infer<typeof RunSummary>;
