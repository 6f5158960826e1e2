import type { BrokerKind, Hop, ReplayScript, Result, Speed } from '@eventflow/shared';
import type { Logger } from 'pino';
import type { RunCommand, RunLimits, StreamMessage, StreamOptions, ValueOf } from './worker-protocol.js';

export interface RunServiceOptions {
  /** Runs with a worker at once, server-wide; a start beyond it first evicts the oldest ended run. */
  maxRuns: number;
  /** Runs with a worker at once per owner (default 3); the owner's own oldest ended run is evicted first. */
  maxRunsPerOwner?: number;
  /** Sum of the workers' reported memory, in MB, past which the largest live run is ended (default 2048). */
  runMemoryBudgetMb?: number;
  /** Largest flow accepted by `start`, in characters of JSON (default 2 MB). */
  maxFlowBytes?: number;
  /** Seed of a run whose start and flow both leave it out (default 1). */
  defaultSeed?: number;
  limits: RunLimits;
  stream: StreamOptions;
  /** URL prefixes a real webhook may POST to (`EVENTFLOW_WEBHOOK_ALLOW`); default none. */
  webhookAllow?: readonly string[];
  /** The brokers a run may be started on (`EVENTFLOW_BROKERS`), by kind; none means simulator only. */
  brokers?: readonly ConfiguredBroker[];
  /** Heap cap of one worker (V8 old generation). */
  maxOldGenerationSizeMb: number;
  /** Workers kept booted ahead of `run:start` (0 boots each on demand, ~1 s). */
  spareWorkers: number;
  replyTimeoutMs: number;
  /** A run nobody watches is disposed after this many wall ms (lets a client reconnect and resync). */
  unwatchedGraceMs: number;
  newRunId: () => string;
  log: Logger;
  onStream: (runId: string, msg: StreamMessage) => void;
}

/** A broker the server was configured with: a run started with `runtime: kind` runs there. */
export interface ConfiguredBroker {
  kind: BrokerKind;
  url: string;
}

export interface StartRun {
  /** The flow as the client sent it: bounded in size here, parsed in the run's worker. */
  flow: unknown;
  seed?: number;
  speed: Speed;
  paused: boolean;
  /** A shared run's commands, replayed before the run starts (paused, where it was shared). */
  replay?: ReplayScript;
  /** Run on this configured broker (`EVENTFLOW_BROKERS`, by its kind) instead of the simulator. */
  runtime?: string;
  /** A recorded trace's hops: the run is opened finished from them (`recorded-loop.ts`), nothing is run. */
  recorded?: Hop[];
  /** An uploaded trace's NDJSON (validated line by line on upload): parsed in the worker, opened like `recorded`. */
  recordedNdjson?: Uint8Array;
  /** Opaque id of the client (session) starting the run; slots are counted per owner. */
  owner: string;
}

export interface RunService {
  /**
   * Slot and memory checks first (cheap), then a size bound, then `parseFlow` in the run's worker. A slot is
   * reserved while the worker validates, so concurrent starts cannot overshoot the limits. `onAccepted` runs
   * synchronously before any stream message of the run is forwarded (the caller joins its room there).
   */
  start(
    init: StartRun,
    onAccepted?: (runId: string) => void,
  ): Promise<Result<{ runId: string; flowRevision: string }>>;
  command<C extends RunCommand>(
    runId: string,
    command: C,
    onReply?: (r: Result<ValueOf<C>>) => void,
  ): Promise<Result<ValueOf<C>>>;
  has(runId: string): boolean;
  /** The owner given to `start`; undefined for an unknown run. */
  ownerOf(runId: string): string | undefined;
  /** Latest `run:state` of a run, for clients that join late. */
  lastState(runId: string): Extract<StreamMessage, { kind: 'state' }> | undefined;
  /** Name of the flow a run was started with (for export file names); undefined for an unknown run. */
  flowName(runId: string): string | undefined;
  /** `flowRevision` of the flow the run was started with. */
  flowRevision(runId: string): string | undefined;
  /** Watchers are counted so an abandoned run is cleaned up. */
  watch(runId: string): void;
  unwatch(runId: string): void;
  /** Runs holding a worker, including those whose flow is still being validated. */
  size(): number;
  /** Reported bytes of every run's worker, and the budget they share. */
  memory(): { usedBytes: number; budgetBytes: number; runs: Record<string, number> };
  close(): Promise<void>;
}
