import type {
  Breakpoint,
  CountsAt,
  BreakpointHit,
  EdgeMetrics,
  EventRow,
  FlowDoc,
  Hop,
  NodeMetrics,
  Problem,
  Result,
  RunStatus,
  RunSummary,
  Speed,
  TopicView,
  TraceFilter,
  TracePath,
} from '@eventflow/shared';

/** What a run may spend before it is stopped with status `failed`. */
export interface RunLimits {
  /** Hops the run may produce in total. */
  maxHops: number;
  /** Wall ms the worker may spend inside the engine (a CPU budget, not a lifetime). */
  maxCpuMs: number;
  /** Hops kept in the engine's bounded store (what `trace:get`/`run:resync` can still return). */
  storeCapacity: number;
}

/** How hops are streamed out of a run. */
export interface StreamOptions {
  /** Wall ms between hop batches while running (50 = at most 20 batches/s). */
  flushMs: number;
  /** Wall ms between `run:metrics` while running. */
  metricsMs: number;
  /** A batch with more hops than this is sampled down to `sampleSize` (`sampled: true`). */
  maxBatch: number;
  sampleSize: number;
  /** Most hops one `run:resync` answer carries; older ones are left out and `complete` is false. */
  maxResync: number;
}

/**
 * What the host sends a worker: the flow exactly as the client sent it. The worker parses it (off the
 * server's event loop) and answers `accepted` or `rejected` before anything else.
 */
export interface RunInit {
  flow: unknown;
  /** The command's seed; the flow's own seed, then `defaultSeed`, apply when it is left out. */
  seed?: number;
  defaultSeed: number;
  speed: Speed;
  paused: boolean;
  limits: RunLimits;
  stream: StreamOptions;
}

/** What the run loop starts from once the worker has parsed the flow. */
export interface LoopInit extends Omit<RunInit, 'flow' | 'seed' | 'defaultSeed'> {
  flow: FlowDoc;
  seed: number;
}

/** Commands the host sends to a run; each gets exactly one reply. */
export type RunCommand =
  | { op: 'pause' }
  | { op: 'resume' }
  | { op: 'step'; hops: number }
  | { op: 'advance'; ms: number }
  | { op: 'stop' }
  | { op: 'reset' }
  | { op: 'speed'; speed: Speed }
  | { op: 'seed'; seed: number }
  | { op: 'fire'; nodeId: string; data?: unknown }
  | { op: 'update'; nodeId: string; config: Record<string, unknown> }
  | { op: 'replay'; nodeId: string; fromOffset: number }
  /** Replays a group from the first offset of each partition published at or after `fromTime` (simulated ms). */
  | { op: 'replay'; nodeId: string; fromTime: number }
  | { op: 'topic'; nodeId: string; partition?: number; fromOffset?: number; limit: number }
  | { op: 'get'; eventId: string }
  | { op: 'query'; filter: TraceFilter; cursor?: string; limit?: number }
  | { op: 'resync'; fromSeq: number }
  /** The trace-derived counters as of hop `seq` (inclusive). */
  | { op: 'counts'; seq: number }
  /** A page of the stored, visible hops with seq in [fromSeq, toSeq] (`toSeq` omitted = the current last), at most `limit` seqs wide. */
  | { op: 'read'; fromSeq: number; toSeq?: number; limit: number }
  /** The server ends a run itself (memory budget); never sent on behalf of a client. */
  | { op: 'fail'; reason: string }
  /** Replaces the run's breakpoints (they survive `reset` and `seed`: they belong to the client's session). */
  | { op: 'breakpoints'; breakpoints: Breakpoint[] };

export interface CommandValues {
  pause: null;
  resume: null;
  step: { hops: number };
  advance: { t: number };
  stop: null;
  reset: null;
  speed: null;
  seed: null;
  fire: { eventId: string };
  update: null;
  replay: null;
  topic: TopicView;
  get: TracePath;
  query: { events: EventRow[]; cursor?: string; total: number };
  resync: { hops: Hop[]; complete: boolean };
  counts: CountsAt;
  read: TracePage;
  fail: null;
  breakpoints: { enabled: number };
}

/** One page of a run's stored trace, with the store's bounds when it was read. */
export interface TracePage {
  hops: Hop[];
  /** Oldest stored seq and the last visible one, at the time of reading. */
  firstSeq: number;
  lastSeq: number;
  /** Hops evicted from the store so far. */
  evicted: number;
  /** Where the next page starts (past `toSeq` when this page reached it). */
  nextSeq: number;
  /** Counts resets: seq restarts at 1 after one, so a reader spanning a change must give up. */
  generation: number;
}

export type ValueOf<C extends RunCommand> = CommandValues[C['op']];

export type ToWorker = { kind: 'init'; init: RunInit } | { kind: 'command'; id: number; command: RunCommand };

/** The worker's answer to `init`: exactly one of these comes first, before any stream message. */
export type InitAnswer =
  | { kind: 'accepted'; flowRevision: string; flowName: string; seed: number }
  | { kind: 'rejected'; problems: Problem[] };

/** Everything a run streams out; `reply` answers one command by id. */
export type FromWorker =
  | InitAnswer
  | { kind: 'hops'; hops: Hop[]; sampled: boolean }
  | {
      kind: 'metrics';
      t: number;
      nodes: Record<string, NodeMetrics>;
      edges: Record<string, EdgeMetrics>;
      /** Bytes the worker's isolate holds (JS heap plus typed-array backing stores); the service sums these. */
      heapBytes: number;
    }
  | {
      kind: 'state';
      status: RunStatus;
      t: number;
      reason?: string;
      summary?: RunSummary;
      /** The breakpoint the run paused at; its hop is the last one streamed. */
      breakpoint?: BreakpointHit;
    }
  | { kind: 'reply'; id: number; result: Result<unknown> };

export type StreamMessage = Exclude<FromWorker, { kind: 'reply' } | InitAnswer>;
