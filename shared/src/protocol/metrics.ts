/**
 * A node's counters: the part of its live metrics that the trace itself determines, so `run:metrics-at`
 * can recount them as of an earlier stored hop. Which fields appear depends on the node kind.
 */
export interface NodeCounts {
  in: number;
  out: number;
  inFlight: number;
  failures: number;
  acked?: number;
  filtered?: number;
  /** Filters: events whose expression failed to evaluate (each ends in a `filter-error` hop). */
  filterErrors?: number;
  dropped?: number;
  deadLettered?: number;
  expired?: number;
  /** Topics: per partition, events retained and the log end offset. */
  partitions?: { depth: number; end: number }[];
  /** Topics: per group, per partition, how far the group trails the log end. */
  lag?: Record<string, number[]>;
}

/** Live counters for one node, sent with `run:metrics` at a steady cadence. Rates are per simulated second. */
export interface NodeMetrics extends NodeCounts {
  rate: number;
  /** Consumers: per instance, whether it is processing and which partitions it owns. */
  instances?: { busy: boolean; partitions: number[] }[];
}

export interface EdgeCounts {
  count: number;
}

export interface EdgeMetrics extends EdgeCounts {
  rate: number;
}

/** What `run:metrics-at` answers: the counters as they stood right after hop `seq`. */
export interface CountsAt {
  /** The hop counted up to (inclusive) and its simulated ms. */
  seq: number;
  t: number;
  /**
   * Oldest hop counted. Above 1 when older hops had been evicted from the run's bounded store: the counts
   * then cover only the hops from here on.
   */
  fromSeq: number;
  nodes: Record<string, NodeCounts>;
  edges: Record<string, EdgeCounts>;
}

export type RunStatus = 'paused' | 'running' | 'completed' | 'stopped' | 'failed';
