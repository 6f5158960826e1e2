/** Live counters for one node, sent with `run:metrics` at a steady cadence. Rates are per simulated second. */
export interface NodeMetrics {
  in: number;
  out: number;
  rate: number;
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
  /** Consumers: per instance, whether it is processing and which partitions it owns. */
  instances?: { busy: boolean; partitions: number[] }[];
}

export interface EdgeMetrics {
  count: number;
  rate: number;
}

export type RunStatus = 'paused' | 'running' | 'completed' | 'stopped' | 'failed';
