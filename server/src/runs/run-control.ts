import { breakpointReason, fail, type Result } from '@eventflow/shared';
import type { Engine, EngineOptions } from '../engine/api.js';
import { applyAndRecord } from '../engine/script.js';
import { createBreakpointWatch, type BreakpointWatch } from './breakpoint-watch.js';
import type { HopStream } from './hop-stream.js';
import { createPacer } from './pacer.js';
import type { RunReport } from './run-report.js';
import { isEnded, type RunState } from './run-state.js';
import { createWebhookSender } from './webhook-sender.js';
import type { LoopInit } from './worker-protocol.js';

export interface RunControlDeps {
  init: LoopInit;
  createEngine: (opts: EngineOptions) => Engine;
  wallNow: () => number;
  collect: () => void;
}

/** How a run moves between running, paused and ended, and what each move starts or stops. */
export interface RunControl {
  breakpoints: BreakpointWatch;
  setRunning(): void;
  setPaused(): void;
  /** A running run's pacing restarts at the run's current speed. */
  applySpeed(): void;
  finish(next: RunState['status'], reason?: string): void;
  /** Sends what the engine asks of webhooks, flushes the hops (exactly when `exact`) and reports metrics. */
  publish(exact: boolean): void;
  /** Nothing left to run and no webhook answer owed. */
  workDone(): boolean;
  refuseEnded(): Result<never> | undefined;
  /** Commands that move time stop real-time pacing first: a paused run moves only when told to. */
  holdStill(): Result<null> | undefined;
  /** Runs a command's engine work, counting its CPU and failing the run if the engine throws. */
  guarded<T>(work: () => Result<T>): Result<T>;
  reset(): void;
  dispose(): void;
}

/** Wall ms after a release before the second heap report (backing stores are freed lazily after a GC). */
const RELEASE_REPORT_MS = 50;

export const endedRefusal = (state: RunState): Result<never> =>
  fail('invalid-payload', `the run is ${state.status}; reset it to run again`);

const engineError = (err: unknown) => `engine error: ${err instanceof Error ? err.message : String(err)}`;

export function createRunControl(
  deps: RunControlDeps,
  state: RunState,
  stream: HopStream,
  report: RunReport,
): RunControl {
  const { init, wallNow } = deps;
  const { postState, postMetrics } = report;
  let timers: ReturnType<typeof setInterval>[] = [];
  let releaseTimer: ReturnType<typeof setTimeout> | undefined;
  let webhooks = createWebhookSender(init.webhookAllow, onWebhookAnswer);

  const pacer = createPacer({
    wallNow,
    engine: () => state.engine,
    onWork: (ms) => {
      state.cpuMs += ms;
      sendWebhooks();
      checkBudgets();
    },
    onIdle: () => {
      sendWebhooks();
      // Only a real webhook's answer can give the run more work: it stays running until that arrives.
      if (state.engine.awaitingWebhooks() === 0) finish('completed');
      else state.awaiting = true;
    },
    onError: (err) => finish('failed', engineError(err)),
    watching: () => breakpoints.watching(),
    checkHop: () => breakpoints.checkLast(),
  });
  const breakpoints = createBreakpointWatch(
    () => state.engine,
    new Set(init.flow.nodes.map((n) => n.id)),
    (bp, hop) => {
      pacer.stop();
      stopTimers();
      state.status = 'paused';
      publish(false);
      postState(breakpointReason(bp.name), { id: bp.id, name: bp.name, seq: hop.seq, event: hop.event });
    },
  );

  function makeEngine(): Engine {
    return deps.createEngine({ flow: init.flow, seed: state.seed, storeCapacity: init.limits.storeCapacity });
  }

  /**
   * A stopped or failed run can only be read or reset, so everything but its trace is let go at once.
   * A completed run keeps its engine: firing into it continues it, replaying a group makes it paused again.
   */
  function release(): void {
    const { engine } = state;
    state.frozen = {
      t: engine.now(),
      summary: engine.summary(),
      metrics: engine.metrics(),
      idle: engine.nextTime() === undefined,
    };
    engine.release();
    deps.collect();
    releaseTimer = setTimeout(() => {
      releaseTimer = undefined;
      deps.collect();
      postMetrics();
    }, RELEASE_REPORT_MS);
  }

  function sendWebhooks(): void {
    for (const req of state.engine.takeWebhookRequests()) webhooks.send(req);
  }

  /** A real webhook answered: applied (and recorded) at the engine's current position, like a command. */
  function onWebhookAnswer(requestId: number, code: number): void {
    if (isEnded(state)) return;
    const applied = guarded(() =>
      applyAndRecord(state.engine, { op: 'webhook-response', requestId, status: code }, state.log),
    );
    if (!applied.ok) return;
    if (state.status === 'running' && state.awaiting) {
      state.awaiting = false;
      pacer.start(state.speed);
    } else if (state.status === 'completed') setRunning();
    else if (state.status === 'paused') {
      sendWebhooks();
      publish(true);
    }
  }

  function publish(exact: boolean): void {
    sendWebhooks();
    stream.flush(exact);
    postMetrics();
  }

  function checkBudgets(): void {
    if (state.engine.trace.lastSeq() > init.limits.maxHops)
      finish('failed', `hop budget of ${init.limits.maxHops} exceeded`);
    else if (state.cpuMs > init.limits.maxCpuMs)
      finish('failed', `CPU budget of ${init.limits.maxCpuMs} ms exceeded`);
  }

  function startTimers(): void {
    stopTimers();
    timers = [
      setInterval(() => stream.flush(false), init.stream.flushMs),
      setInterval(postMetrics, init.stream.metricsMs),
    ];
  }

  function stopTimers(): void {
    for (const timer of timers) clearInterval(timer);
    timers = [];
  }

  function setRunning(): void {
    state.status = 'running';
    startTimers();
    pacer.start(state.speed);
    postState();
  }

  function finish(next: RunState['status'], reason?: string): void {
    if (isEnded(state) || (state.status === next && next === 'completed')) return;
    pacer.stop();
    stopTimers();
    state.status = next;
    stream.flush(false);
    if (next !== 'completed') release();
    postMetrics();
    postState(reason);
  }

  function guarded<T>(work: () => Result<T>): Result<T> {
    const started = wallNow();
    try {
      return work();
    } catch (err) {
      finish('failed', engineError(err));
      return fail('internal', 'the run failed while handling the command');
    } finally {
      state.cpuMs += wallNow() - started;
      if (state.status === 'running' || state.status === 'paused') checkBudgets();
    }
  }

  return {
    breakpoints,
    setRunning,
    setPaused() {
      pacer.stop();
      stopTimers();
      state.status = 'paused';
      publish(false);
      postState();
    },
    applySpeed: () => pacer.start(state.speed),
    finish,
    publish,
    workDone: () => state.engine.nextTime() === undefined && state.engine.awaitingWebhooks() === 0,
    refuseEnded: () => (isEnded(state) ? endedRefusal(state) : undefined),
    holdStill() {
      if (isEnded(state)) return endedRefusal(state);
      if (state.status === 'running') {
        pacer.stop();
        stopTimers();
        state.status = 'paused';
      }
      return undefined;
    },
    guarded,
    reset() {
      pacer.stop();
      stopTimers();
      if (releaseTimer) clearTimeout(releaseTimer);
      state.frozen = undefined;
      webhooks.close();
      webhooks = createWebhookSender(init.webhookAllow, onWebhookAnswer);
      state.awaiting = false;
      state.engine = makeEngine();
      state.generation += 1;
      state.log = [];
      stream.restart(state.engine.trace);
      state.status = 'paused';
      state.cpuMs = 0;
      // Tells clients to drop the trace they hold: seq starts again at 1.
      postState('reset');
      postMetrics();
    },
    dispose() {
      webhooks.close();
      pacer.stop();
      stopTimers();
      if (releaseTimer) clearTimeout(releaseTimer);
    },
  };
}
