import { fail, ok, type Result, type RunStatus } from '@eventflow/shared';
import {
  DEFAULT_MAX_FLOW_BYTES,
  DEFAULT_MAX_RUNS_PER_OWNER,
  DEFAULT_RUN_MEMORY_BUDGET_MB,
  DEFAULT_SEED,
} from './defaults.js';
import { jsonFitsWithin } from './flow-size.js';
import { formatBytes, relieveMemory, totalBytes } from './memory-budget.js';
import { startRunHost, type RunHost } from './run-host.js';
import { admitRun } from './run-slots.js';
import { createWorkerPool } from './worker-pool.js';
import type { RunService, RunServiceOptions, StartRun } from './run-api.js';
import type { InitAnswer, StreamMessage, ValueOf } from './worker-protocol.js';

export type { RunService, RunServiceOptions, StartRun };

interface Run {
  host: RunHost;
  owner: string;
  flowName: string;
  flowRevision: string;
  started: number;
  /** `starting` while the worker validates the flow: the slot is held but the run is not visible. */
  status: RunStatus | 'starting';
  state?: Extract<StreamMessage, { kind: 'state' }>;
  heapBytes: number;
  /** Told to end for the memory budget; its end has not been reported yet. */
  ending: boolean;
  watchers: number;
  idleTimer?: ReturnType<typeof setTimeout>;
  /** Answers a `start` still waiting for the worker's verdict (used when the service closes first). */
  settleStart?: (r: Result<never>) => void;
}

const isEnded = (status: Run['status']) =>
  status === 'completed' || status === 'stopped' || status === 'failed';

export function createRunService(opts: RunServiceOptions): RunService {
  const runs = new Map<string, Run>();
  const pool = createWorkerPool({
    spares: opts.spareWorkers,
    maxOldGenerationSizeMb: opts.maxOldGenerationSizeMb,
  });
  const limits = {
    maxRuns: opts.maxRuns,
    maxRunsPerOwner: opts.maxRunsPerOwner ?? DEFAULT_MAX_RUNS_PER_OWNER,
  };
  const budgetBytes = (opts.runMemoryBudgetMb ?? DEFAULT_RUN_MEMORY_BUDGET_MB) * 2 ** 20;
  const maxFlowBytes = opts.maxFlowBytes ?? DEFAULT_MAX_FLOW_BYTES;
  let order = 0;

  const visible = (runId: string) => {
    const run = runs.get(runId);
    return run && run.status !== 'starting' ? run : undefined;
  };
  const views = () => [...runs].map(([runId, r]) => ({ runId, ...r, ended: isEnded(r.status) }));

  function dispose(runId: string, why: string): void {
    const run = runs.get(runId);
    if (!run) return;
    runs.delete(runId);
    if (run.idleTimer) clearTimeout(run.idleTimer);
    opts.log.info({ runId, why }, 'run disposed');
    void run.host.terminate();
  }

  /** Runs on every heap report: ended runs go first, then the largest live run is ended with the reason. */
  function enforceBudget(): void {
    const relief = relieveMemory(views(), budgetBytes);
    for (const runId of relief.evict) dispose(runId, 'evicted: the run memory budget was reached');
    const end = relief.end && runs.get(relief.end.runId);
    if (!relief.end || !end) return;
    end.ending = true;
    const reason =
      `ended: the server's run memory budget (${formatBytes(budgetBytes)}) was reached; ` +
      `this run used ${formatBytes(relief.end.heapBytes)}`;
    opts.log.warn({ runId: relief.end.runId, heapBytes: relief.end.heapBytes, budgetBytes }, reason);
    void end.host.request({ op: 'fail', reason });
  }

  /** The cheap checks, before anything reads the flow: memory, then slots. Returns the ended runs to evict. */
  function admit(owner: string): Result<string[]> {
    if (totalBytes(views()) > budgetBytes) {
      return fail(
        'server-busy',
        `the server's run memory budget (${formatBytes(budgetBytes)}) is in use; try again when a run ends`,
      );
    }
    const verdict = admitRun(views(), owner, limits);
    return verdict.ok ? ok(verdict.evict) : fail('run-limit', verdict.message);
  }

  function launch(
    init: StartRun,
    onAccepted: ((runId: string) => void) | undefined,
    settle: (r: Result<{ runId: string; flowRevision: string }>) => void,
  ): void {
    const runId = opts.newRunId();
    const log = opts.log.child({ runId });
    const broker = opts.brokers?.find((b) => b.kind === init.runtime);
    const timer = setTimeout(() => {
      if (runs.get(runId) !== run || run.status !== 'starting') return;
      dispose(runId, 'its worker did not validate the flow in time');
      settle(fail('internal', `the run's worker did not answer within ${opts.replyTimeoutMs} ms`));
    }, opts.replyTimeoutMs);
    const onInit = (answer: InitAnswer) => {
      clearTimeout(timer);
      if (answer.kind === 'rejected') {
        dispose(runId, 'its flow has problems');
        return settle(fail('invalid-flow', 'the flow has problems', answer.problems));
      }
      run.settleStart = undefined;
      run.flowName = answer.flowName;
      run.flowRevision = answer.flowRevision;
      run.status = init.paused ? 'paused' : 'running';
      log.info(
        { flow: answer.flowName, seed: answer.seed, speed: init.speed, owner: init.owner },
        'run started',
      );
      onAccepted?.(runId);
      settle(ok({ runId, flowRevision: answer.flowRevision }));
    };
    const run: Run = {
      owner: init.owner,
      flowName: '',
      flowRevision: '',
      started: order++,
      status: 'starting',
      heapBytes: 0,
      ending: false,
      watchers: 0,
      settleStart: settle,
      host: startRunHost({
        init: {
          flow: init.flow,
          ...(init.seed === undefined ? {} : { seed: init.seed }),
          defaultSeed: opts.defaultSeed ?? DEFAULT_SEED,
          speed: init.speed,
          paused: init.paused,
          ...(init.replay ? { replay: init.replay } : {}),
          ...(broker ? { broker, runId } : {}),
          ...(init.recorded ? { recorded: init.recorded } : {}),
          ...(init.recordedNdjson ? { recordedNdjson: init.recordedNdjson } : {}),
          limits: opts.limits,
          stream: opts.stream,
          webhookAllow: opts.webhookAllow ?? [],
        },
        worker: pool.take(),
        replyTimeoutMs: opts.replyTimeoutMs,
        onInit,
        onStream: (msg) => {
          if (msg.kind === 'state') {
            run.status = msg.status;
            run.state = msg;
            if (isEnded(msg.status)) {
              run.ending = false;
              log.info({ status: msg.status, reason: msg.reason, t: msg.t }, 'run ended');
            }
          }
          // Accounted before forwarding: whoever handles this report already sees the budget's verdict.
          if (msg.kind === 'metrics') {
            run.heapBytes = msg.heapBytes;
            enforceBudget();
          }
          opts.onStream(runId, msg);
        },
        onCrash: (reason) => {
          clearTimeout(timer);
          log.warn({ reason }, 'run worker crashed');
          const wasStarting = run.status === 'starting';
          runs.delete(runId);
          if (run.idleTimer) clearTimeout(run.idleTimer);
          if (wasStarting) return settle(fail('internal', `the run's worker failed: ${reason}`));
          const state = { kind: 'state' as const, status: 'failed' as const, t: run.state?.t ?? 0, reason };
          run.status = 'failed';
          run.state = state;
          opts.onStream(runId, state);
        },
      }),
    };
    runs.set(runId, run);
  }

  return {
    start(init, onAccepted) {
      const admitted = admit(init.owner);
      if (!admitted.ok) return Promise.resolve(admitted);
      if (!jsonFitsWithin(init.flow, maxFlowBytes)) {
        return Promise.resolve(
          fail('too-large', `the flow is larger than ${formatBytes(maxFlowBytes)} of JSON`),
        );
      }
      if ((init.recorded || init.recordedNdjson) && (init.replay || init.runtime !== undefined)) {
        return Promise.resolve(
          fail(
            'invalid-payload',
            'recorded: a recorded run is opened as it was; it cannot also replay or use a runtime',
          ),
        );
      }
      if (init.runtime !== undefined && !opts.brokers?.some((b) => b.kind === init.runtime)) {
        const offered = ['simulator', ...(opts.brokers ?? []).map((b) => b.kind)].join(', ');
        return Promise.resolve(
          fail('invalid-payload', `no runtime '${init.runtime}' on this server: it offers ${offered}`),
        );
      }
      for (const runId of admitted.value) dispose(runId, 'evicted to make room');
      return new Promise((resolve) => launch(init, onAccepted, resolve));
    },
    command(runId, command, onReply) {
      const run = visible(runId);
      if (!run) {
        const r = fail<ValueOf<typeof command>>('unknown-run', `no run ${runId}`);
        onReply?.(r);
        return Promise.resolve(r);
      }
      return run.host.request(command, onReply);
    },
    has: (runId) => visible(runId) !== undefined,
    ownerOf: (runId) => visible(runId)?.owner,
    lastState: (runId) => visible(runId)?.state,
    flowName: (runId) => visible(runId)?.flowName,
    flowRevision: (runId) => visible(runId)?.flowRevision,
    watch(runId) {
      const run = visible(runId);
      if (!run) return;
      run.watchers += 1;
      if (run.idleTimer) clearTimeout(run.idleTimer);
      run.idleTimer = undefined;
    },
    unwatch(runId) {
      const run = visible(runId);
      if (!run) return;
      run.watchers = Math.max(0, run.watchers - 1);
      if (run.watchers === 0 && !run.idleTimer) {
        run.idleTimer = setTimeout(() => dispose(runId, 'nobody watched it'), opts.unwatchedGraceMs);
        run.idleTimer.unref();
      }
    },
    size: () => runs.size,
    memory() {
      const all = views();
      return {
        usedBytes: totalBytes(all),
        budgetBytes,
        runs: Object.fromEntries(all.map((r) => [r.runId, r.heapBytes])),
      };
    },
    async close() {
      await pool.close();
      const ids = [...runs.keys()];
      await Promise.all(
        ids.map((id) => {
          const run = runs.get(id);
          runs.delete(id);
          if (run?.idleTimer) clearTimeout(run.idleTimer);
          run?.settleStart?.(fail('internal', 'the server is shutting down'));
          return run?.host.terminate();
        }),
      );
    },
  };
}
