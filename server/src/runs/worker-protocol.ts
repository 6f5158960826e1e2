import type {
  BrokerKind,
  CommandName,
  CommandParsed,
  CommandReply,
  EventName,
  EventPayload,
  FlowDoc,
  Hop,
  Problem,
  ReplayScript,
  Result,
  RunSummary,
  Speed,
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
  /** A shared run's commands: replayed before the loop starts, which then waits paused where it was shared. */
  replay?: ReplayScript;
  limits: RunLimits;
  stream: StreamOptions;
  /** URL prefixes a real webhook may POST to: a flow with a real webhook outside them is rejected. */
  webhookAllow: readonly string[];
  /** Run on this broker instead of the simulator (`server/src/runs/broker-loop.ts`). */
  broker?: { kind: BrokerKind; url: string };
  /** A recorded trace's hops: the worker checks them against the flow and opens them as a finished run. */
  recorded?: Hop[];
  /**
   * An uploaded trace as NDJSON bytes (decision 0030): a million hops cross to the worker as one buffer, not a
   * million cloned objects, and are parsed there, off the server's event loop.
   */
  recordedNdjson?: Uint8Array;
  /** The run's id, to name what it creates on a broker. */
  runId?: string;
}

/** What the run loop starts from once the worker has parsed the flow. */
export interface LoopInit extends Omit<RunInit, 'flow' | 'seed' | 'defaultSeed'> {
  flow: FlowDoc;
  seed: number;
}

/**
 * Worker ops that answer one socket command each: the op's arguments are the command's parsed payload
 * without `runId` (the host knows which run), and its value is the command's reply. Both are derived
 * from the protocol table in shared/, so the worker cannot drift from what the socket promises.
 */
interface Mirrored {
  pause: 'run:pause';
  resume: 'run:resume';
  advance: 'run:advance';
  stop: 'run:stop';
  reset: 'run:reset';
  speed: 'run:speed';
  seed: 'run:seed';
  fire: 'producer:fire';
  update: 'node:update';
  outage: 'run:topic-outage';
  down: 'consumer:set-down';
  topic: 'topic:read';
  get: 'trace:get';
  query: 'trace:query';
  resync: 'run:resync';
  breakpoints: 'run:breakpoints';
  counts: 'run:metrics-at';
  export: 'run:export-replay';
  projection: 'projection:read';
  rebuild: 'projection:rebuild';
  aggregate: 'store:aggregate';
}
type MirroredOp = keyof Mirrored;
type ArgsOf<C extends CommandName> = Omit<CommandParsed<C>, 'runId'>;
type MirroredCommand = { [Op in MirroredOp]: { op: Op } & ArgsOf<Mirrored[Op]> }[MirroredOp];

/** Commands the host sends to a run; each gets exactly one reply. */
export type RunCommand =
  | MirroredCommand
  /** `run:step` with its default applied: the worker is always told how many hops. */
  | { op: 'step'; hops: number }
  /** `group:replay` with exactly one start, as the socket's refinement guarantees. */
  | { op: 'replay'; nodeId: string; fromOffset: number }
  /** Replays a group from the first offset of each partition published at or after `fromTime` (simulated ms). */
  | { op: 'replay'; nodeId: string; fromTime: number }
  /** A page of the stored, visible hops with seq in [fromSeq, toSeq] (`toSeq` omitted = the current last), at most `limit` seqs wide. */
  | { op: 'read'; fromSeq: number; toSeq?: number; limit: number }
  /** The run's summary as it stands, for a lesson's check; `finished` once nothing is left to run. */
  | { op: 'summary' }
  /** The newest `maxHops` stored, visible hops as OTLP/JSON, built here so the server's event loop stays free. */
  | { op: 'otlp'; maxHops: number }
  /** The server ends a run itself (memory budget); never sent on behalf of a client. */
  | { op: 'fail'; reason: string };

export type CommandValues = { [Op in MirroredOp]: CommandReply<Mirrored[Op]> } & {
  step: CommandReply<'run:step'>;
  replay: CommandReply<'group:replay'>;
  read: TracePage;
  summary: { summary: RunSummary; finished: boolean };
  otlp: OtlpPage;
  fail: null;
};

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

/** A run's trace as OTLP/JSON text, with the bounds of the hops it holds. */
export interface OtlpPage {
  /** A serialized `ExportTraceServiceRequest`. */
  json: string;
  /** Seq of the first hop it holds (the oldest stored, or later when `maxHops` cut it), and of the last. */
  firstSeq: number;
  lastSeq: number;
  /** Hops evicted from the store so far. */
  evicted: number;
}

export type ValueOf<C extends RunCommand> = CommandValues[C['op']];

export type ToWorker = { kind: 'init'; init: RunInit } | { kind: 'command'; id: number; command: RunCommand };

/** The worker's answer to `init`: exactly one of these comes first, before any stream message. */
export type InitAnswer =
  | { kind: 'accepted'; flowRevision: string; flowName: string; seed: number }
  | { kind: 'rejected'; problems: Problem[] };

/** A server event's payload as the run produces it: the host adds the `runId`. */
type Streamed<E extends EventName> = Omit<EventPayload<E>, 'runId'>;

/** Everything a run streams out (the bodies of the server events); `reply` answers one command by id. */
export type FromWorker =
  | InitAnswer
  | ({ kind: 'hops' } & Streamed<'trace:hops'>)
  | ({
      kind: 'metrics';
      /** Bytes the worker's isolate holds (JS heap plus typed-array backing stores); the service sums these. */
      heapBytes: number;
    } & Streamed<'run:metrics'>)
  /** The breakpoint the run paused at, when it did, is the last hop streamed. */
  | ({ kind: 'state' } & Streamed<'run:state'>)
  | { kind: 'reply'; id: number; result: Result<unknown> };

export type StreamMessage = Exclude<FromWorker, { kind: 'reply' } | InitAnswer>;
