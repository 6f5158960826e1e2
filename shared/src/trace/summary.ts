/** Per-node counters of a run; which fields appear depends on the node kind. */
export interface NodeStats {
  in?: number;
  /** For a topic: entries its subscriptions fetched (one per publication × group that read it; redeliveries are not counted again). */
  out?: number;
  filtered?: number;
  filterErrors?: number;
  acked?: number;
  failed?: number;
  dropped?: number;
  deadLettered?: number;
  expired?: number;
  duplicatesSkipped?: number;
}

/**
 * Latency percentiles in simulated ms, from a fixed log-bucket histogram (16 linear buckets per power of
 * two from 2^-10 ms up): each percentile is within 1/32 (3.125 %) of the exact nearest-rank value, or within
 * 2^-10 ms of it below 2^-10 ms; `min`, `max`, `mean` and `count` are exact. All zero when `count` is 0.
 */
export interface LatencyStats {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** One consumer group's outcomes: a group is the unit that receives every event of the topics it reads. */
export interface GroupSummary {
  /** The group's name (a consumer's `group`, else its node id). */
  group: string;
  /** Consumer node ids in the group, sorted. */
  consumers: string[];
  /** (publication × subscription) pairs this group is owed; equals the sum of the outcomes and `inFlight`. */
  expected: number;
  acked: number;
  filtered: number;
  dropped: number;
  deadLettered: number;
  expired: number;
  inFlight: number;
  duplicatesProcessed: number;
  duplicatesSkipped: number;
  orderViolations: number;
  /** Acks per simulated second, from 0 to the group's last ack (so idle time after the work does not dilute it). */
  ackedPerSecond: number;
}

/** What `eventflow run --json` prints, and what a finished run reports. */
export interface RunSummary {
  flow: string;
  seed: number;
  /** Simulated ms the run covered. */
  simulatedMs: number;
  hops: number;
  events: { produced: number; emitted: number };
  outcomes: {
    acked: number;
    filtered: number;
    dropped: number;
    deadLettered: number;
    expired: number;
    inFlight: number;
  };
  processing: {
    attempts: number;
    failures: number;
    redeliveries: number;
    duplicatesProcessed: number;
    duplicatesSkipped: number;
    orderViolations: number;
  };
  /** Every (event published to a topic × subscription) must have exactly one terminal outcome or be in flight. */
  conservation: { ok: boolean; expected: number; accounted: number };
  nodes: Record<string, NodeStats>;
  /** Per consumer group, in the order groups first appear among consumers sorted by id. */
  groups: GroupSummary[];
  latency: {
    /**
     * Per topic: published → fetched by a group (time waiting in the topic). Per consumer: first delivery →
     * outcome (acked, dropped or dead-lettered: processing, retries and backoff). Other kinds have none.
     */
    nodes: Record<string, LatencyStats>;
    /** Root event produced → first processed by a consumer that emits nothing (the end of its chain). */
    endToEnd: LatencyStats;
  };
  /** Per simulated second, from 0 to the last event produced / the last ack. */
  throughput: { producedPerSecond: number; ackedPerSecond: number };
}
