import { fail, ok, type FlowDoc, type Result, type RunStatus, type Speed } from '@eventflow/shared';
import type { Logger } from 'pino';
import { startRunHost, type RunHost } from './run-host.js';
import { createWorkerPool } from './worker-pool.js';
import type { RunCommand, RunLimits, StreamMessage, StreamOptions, ValueOf } from './worker-protocol.js';

export interface RunServiceOptions {
  /** Runs with a live worker at once; a start beyond it first evicts the oldest ended run, else fails `run-limit`. */
  maxRuns: number;
  limits: RunLimits;
  stream: StreamOptions;
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

export interface StartRun {
  flow: FlowDoc;
  seed: number;
  speed: Speed;
  paused: boolean;
}

export interface RunService {
  start(run: StartRun): Result<{ runId: string }>;
  command<C extends RunCommand>(
    runId: string,
    command: C,
    onReply?: (r: Result<ValueOf<C>>) => void,
  ): Promise<Result<ValueOf<C>>>;
  has(runId: string): boolean;
  /** Latest `run:state` of a run, for clients that join late. */
  lastState(runId: string): Extract<StreamMessage, { kind: 'state' }> | undefined;
  /** Name of the flow a run was started with (for export file names); undefined for an unknown run. */
  flowName(runId: string): string | undefined;
  /** Watchers are counted so an abandoned run is cleaned up. */
  watch(runId: string): void;
  unwatch(runId: string): void;
  size(): number;
  close(): Promise<void>;
}

interface Run {
  host: RunHost;
  flowName: string;
  started: number;
  status: RunStatus;
  state?: Extract<StreamMessage, { kind: 'state' }>;
  watchers: number;
  idleTimer?: ReturnType<typeof setTimeout>;
}

export function createRunService(opts: RunServiceOptions): RunService {
  const runs = new Map<string, Run>();
  const pool = createWorkerPool({
    spares: opts.spareWorkers,
    maxOldGenerationSizeMb: opts.maxOldGenerationSizeMb,
  });
  let order = 0;

  function dispose(runId: string, why: string): void {
    const run = runs.get(runId);
    if (!run) return;
    runs.delete(runId);
    if (run.idleTimer) clearTimeout(run.idleTimer);
    opts.log.info({ runId, why }, 'run disposed');
    void run.host.terminate();
  }

  function evictOneEnded(): boolean {
    let oldest: [string, Run] | undefined;
    for (const entry of runs) {
      const ended = entry[1].status !== 'running' && entry[1].status !== 'paused';
      if (ended && (!oldest || entry[1].started < oldest[1].started)) oldest = entry;
    }
    if (oldest) dispose(oldest[0], 'evicted to make room');
    return oldest !== undefined;
  }

  return {
    start(init) {
      if (runs.size >= opts.maxRuns && !evictOneEnded()) {
        return fail('run-limit', `at most ${opts.maxRuns} runs may be live at once; stop one first`);
      }
      const runId = opts.newRunId();
      const log = opts.log.child({ runId });
      const run: Run = {
        started: order++,
        flowName: init.flow.name,
        status: init.paused ? 'paused' : 'running',
        watchers: 0,
        host: startRunHost({
          init: { ...init, limits: opts.limits, stream: opts.stream },
          worker: pool.take(),
          replyTimeoutMs: opts.replyTimeoutMs,
          onStream: (msg) => {
            if (msg.kind === 'state') {
              run.status = msg.status;
              run.state = msg;
              if (msg.status === 'failed' || msg.status === 'stopped' || msg.status === 'completed') {
                log.info({ status: msg.status, reason: msg.reason, t: msg.t }, 'run ended');
              }
            }
            opts.onStream(runId, msg);
          },
          onCrash: (reason) => {
            log.warn({ reason }, 'run worker crashed');
            const state = { kind: 'state' as const, status: 'failed' as const, t: run.state?.t ?? 0, reason };
            run.status = 'failed';
            run.state = state;
            opts.onStream(runId, state);
            runs.delete(runId);
            if (run.idleTimer) clearTimeout(run.idleTimer);
          },
        }),
      };
      runs.set(runId, run);
      log.info(
        { flow: init.flow.name, seed: init.seed, speed: init.speed, paused: init.paused },
        'run started',
      );
      return ok({ runId });
    },
    command(runId, command, onReply) {
      const run = runs.get(runId);
      if (!run) {
        const r = fail<ValueOf<typeof command>>('unknown-run', `no run ${runId}`);
        onReply?.(r);
        return Promise.resolve(r);
      }
      return run.host.request(command, onReply);
    },
    has: (runId) => runs.has(runId),
    lastState: (runId) => runs.get(runId)?.state,
    flowName: (runId) => runs.get(runId)?.flowName,
    watch(runId) {
      const run = runs.get(runId);
      if (!run) return;
      run.watchers += 1;
      if (run.idleTimer) clearTimeout(run.idleTimer);
      run.idleTimer = undefined;
    },
    unwatch(runId) {
      const run = runs.get(runId);
      if (!run) return;
      run.watchers = Math.max(0, run.watchers - 1);
      if (run.watchers === 0 && !run.idleTimer) {
        run.idleTimer = setTimeout(() => dispose(runId, 'nobody watched it'), opts.unwatchedGraceMs);
        run.idleTimer.unref();
      }
    },
    size: () => runs.size,
    async close() {
      await pool.close();
      const ids = [...runs.keys()];
      await Promise.all(
        ids.map((id) => {
          const run = runs.get(id);
          runs.delete(id);
          if (run?.idleTimer) clearTimeout(run.idleTimer);
          return run?.host.terminate();
        }),
      );
    },
  };
}
