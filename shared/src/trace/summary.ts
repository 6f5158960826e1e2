/** Per-node counters of a run; which fields appear depends on the node kind. */
export interface NodeStats {
  in?: number;
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
}
