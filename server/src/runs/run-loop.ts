import type { ReplayScript, Result, RunStatus } from '@eventflow/shared';
import type { Engine, EngineOptions } from '../engine/api.js';
import { playScript } from '../engine/script.js';
import { createHopStream } from './hop-stream.js';
import { createRunCommands } from './run-commands.js';
import { createRunControl } from './run-control.js';
import { createRunReport } from './run-report.js';
import type { RunState } from './run-state.js';
import type { LoopInit, RunCommand, StreamMessage } from './worker-protocol.js';

export interface RunLoopDeps {
  init: LoopInit;
  createEngine: (opts: EngineOptions) => Engine;
  post: (msg: StreamMessage) => void;
  /** Monotonic wall ms (performance.now). */
  wallNow: () => number;
  /** Bytes this worker holds, reported with every `metrics`. */
  heapBytes: () => number;
  /** Forces a garbage collection where the host allows it, so a released run's report shows the release. */
  collect: () => void;
}

export interface RunLoop {
  handle(command: RunCommand): Result<unknown>;
  dispose(): void;
}

/**
 * One run inside its worker: owns the engine, paces it (real time × speed, or as fast as possible),
 * streams hops and metrics, and enforces the run's budgets. Only `advanceTo` and `step` move the engine,
 * so the trace is the one the CLI would write for the same flow and seed.
 */
export function createRunLoop(deps: RunLoopDeps): RunLoop {
  const { init, post } = deps;
  const status: RunStatus = init.paused ? 'paused' : 'running';
  const engine = deps.createEngine({
    flow: init.flow,
    seed: init.seed,
    storeCapacity: init.limits.storeCapacity,
  });
  const state: RunState = {
    seed: init.seed,
    engine,
    status,
    speed: init.speed,
    cpuMs: 0,
    generation: 0,
    frozen: undefined,
    log: [],
    awaiting: false,
  };
  const stream = createHopStream(engine.trace, init.stream, (hops, sampled) =>
    post({ kind: 'hops', hops, sampled }),
  );
  const report = createRunReport(state, post, deps.heapBytes);
  const control = createRunControl(deps, state, stream, report);
  const handlers = createRunCommands(init, state, control, stream, report);

  /**
   * A shared run replays its commands before the loop starts and then waits, paused (or completed), where it
   * was shared; its hops go out like a paced run's (sampled when there are many). A script that does not fit
   * fails the run with the reason.
   */
  function startReplayed(script: ReplayScript): void {
    const played = control.guarded(() => playScript(state.engine, script));
    if (!played.ok) {
      control.finish('failed', `the replay does not fit this flow and seed: ${played.message}`);
      return;
    }
    // Their answers are in the script: a replay never calls the endpoints again.
    state.engine.takeWebhookRequests();
    state.log = [...script.commands];
    state.status = state.engine.nextTime() === undefined ? 'completed' : 'paused';
    stream.flush(false);
    report.postState();
  }

  if (init.replay) startReplayed(init.replay);
  else if (state.status === 'running') control.setRunning();
  else report.postState();
  report.postMetrics();

  return {
    handle(command) {
      const handler = handlers[command.op] as (c: RunCommand) => Result<unknown>;
      return handler(command);
    },
    dispose: control.dispose,
  };
}
