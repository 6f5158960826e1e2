/** Exact run counters, kept as plain numbers and typed arrays so counting costs nothing on the hot path. */
export interface Counters {
  produced: number;
  emitted: number;
  acked: number;
  filtered: number;
  dropped: number;
  deadLettered: number;
  expired: number;
  attempts: number;
  failures: number;
  redeliveries: number;
  duplicatesProcessed: number;
  duplicatesSkipped: number;
  orderViolations: number;
  /** Simulated ms of the newest root event and the newest ack: throughput ends there, not at idle time. */
  lastProducedAt: number;
  lastAckAt: number;
  /** (publication × subscription) pairs created, and terminal outcomes recorded for them. */
  expected: number;
  accounted: number;
  nodeIn: Float64Array;
  nodeOut: Float64Array;
  nodeFiltered: Float64Array;
  nodeFilterErrors: Float64Array;
  nodeAcked: Float64Array;
  nodeFailed: Float64Array;
  nodeDropped: Float64Array;
  nodeDeadLettered: Float64Array;
  nodeExpired: Float64Array;
  nodeSkipped: Float64Array;
  edgeCount: Float64Array;
}

export function createCounters(nodes: number, edges: number): Counters {
  const n = () => new Float64Array(nodes);
  return {
    produced: 0,
    emitted: 0,
    acked: 0,
    filtered: 0,
    dropped: 0,
    deadLettered: 0,
    expired: 0,
    attempts: 0,
    failures: 0,
    redeliveries: 0,
    duplicatesProcessed: 0,
    duplicatesSkipped: 0,
    orderViolations: 0,
    lastProducedAt: 0,
    lastAckAt: 0,
    expected: 0,
    accounted: 0,
    nodeIn: n(),
    nodeOut: n(),
    nodeFiltered: n(),
    nodeFilterErrors: n(),
    nodeAcked: n(),
    nodeFailed: n(),
    nodeDropped: n(),
    nodeDeadLettered: n(),
    nodeExpired: n(),
    nodeSkipped: n(),
    edgeCount: new Float64Array(edges),
  };
}

/** One consumer group's share of the run-wide outcome counters (they sum to the run-wide ones). */
export interface GroupCounts {
  expected: number;
  acked: number;
  filtered: number;
  dropped: number;
  deadLettered: number;
  expired: number;
  duplicatesProcessed: number;
  duplicatesSkipped: number;
  orderViolations: number;
  lastAckAt: number;
}

export const createGroupCounts = (): GroupCounts => ({
  expected: 0,
  acked: 0,
  filtered: 0,
  dropped: 0,
  deadLettered: 0,
  expired: 0,
  duplicatesProcessed: 0,
  duplicatesSkipped: 0,
  orderViolations: 0,
  lastAckAt: 0,
});
