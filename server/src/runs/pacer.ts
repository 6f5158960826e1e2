import type { Speed } from '@eventflow/shared';
import type { Engine } from '../engine/api.js';

export interface PacerDeps {
  wallNow: () => number;
  engine: () => Engine;
  /** Wall ms just spent inside the engine (for the CPU budget). */
  onWork: (ms: number) => void;
  /** Nothing is scheduled any more. */
  onIdle: () => void;
  onError: (err: unknown) => void;
}

export interface Pacer {
  start(speed: Speed): void;
  stop(): void;
}

/** Real-time ticks: often enough for smooth animation, rarely enough to stay cheap. */
const TICK_MS = 16;
/** Longest slice of engine work before the worker yields to its message port (commands, queries). */
const SLICE_BUDGET_MS = 25;
/** When the engine falls this far (wall ms) behind the requested speed, the debt is dropped rather than chased. */
const MAX_LAG_WALL_MS = 1000;

/**
 * Moves simulated time: `speed` simulated ms per wall ms via `advanceTo`, or as fast as possible via `step`
 * in bounded chunks. Either way the engine is handed back to the event loop between slices, so `run:pause`
 * and trace queries are answered promptly even from a busy run.
 */
export function createPacer(deps: PacerDeps): Pacer {
  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let immediate: ReturnType<typeof setImmediate> | undefined;
  let anchorWall = 0;
  let anchorSim = 0;
  let speed: Speed = 1;
  /** Simulated ms per `advanceTo` call; adapted so one call stays well under the slice budget. */
  let sliceSimMs = 100;
  /** Hops per `step` call at max speed; adapted likewise. */
  let chunk = 2000;

  function timed(work: () => void): number {
    const t0 = deps.wallNow();
    work();
    const ms = deps.wallNow() - t0;
    deps.onWork(ms);
    return ms;
  }

  function tickRealTime(): void {
    timer = undefined;
    try {
      const engine = deps.engine();
      const wallNow = deps.wallNow();
      const numeric = typeof speed === 'number' ? speed : 1;
      let target = anchorSim + (wallNow - anchorWall) * numeric;
      if (target - engine.now() > MAX_LAG_WALL_MS * numeric) {
        anchorSim = engine.now();
        anchorWall = wallNow;
        target = engine.now() + TICK_MS * numeric;
      }
      const deadline = wallNow + SLICE_BUDGET_MS;
      while (engine.now() < target) {
        const next = engine.nextTime();
        if (next === undefined) {
          deps.onIdle();
          return;
        }
        if (next > target) {
          engine.advanceTo(target);
          break;
        }
        const to = Math.min(target, Math.max(next, engine.now() + sliceSimMs));
        const ms = timed(() => engine.advanceTo(to));
        if (ms > 8) sliceSimMs = Math.max(0.01, sliceSimMs / 2);
        else if (ms < 2) sliceSimMs = Math.min(60_000, sliceSimMs * 2);
        if (!running) return;
        if (deps.wallNow() > deadline) break;
      }
      if (engine.nextTime() === undefined) {
        deps.onIdle();
        return;
      }
    } catch (err) {
      deps.onError(err);
      return;
    }
    if (running) timer = setTimeout(tickRealTime, TICK_MS);
  }

  function runFlatOut(): void {
    immediate = undefined;
    try {
      const engine = deps.engine();
      let made = 0;
      const ms = timed(() => {
        made = engine.step(chunk);
      });
      if (made === 0) {
        deps.onIdle();
        return;
      }
      if (ms > SLICE_BUDGET_MS) chunk = Math.max(100, Math.floor(chunk / 2));
      else if (ms < SLICE_BUDGET_MS / 3) chunk = Math.min(1_000_000, chunk * 2);
    } catch (err) {
      deps.onError(err);
      return;
    }
    if (running) immediate = setImmediate(runFlatOut);
  }

  const pacer: Pacer = {
    start(next) {
      pacer.stop();
      running = true;
      speed = next;
      anchorWall = deps.wallNow();
      anchorSim = deps.engine().now();
      if (speed === 'max') immediate = setImmediate(runFlatOut);
      else timer = setTimeout(tickRealTime, 0);
    },
    stop() {
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      if (immediate !== undefined) clearImmediate(immediate);
      timer = undefined;
      immediate = undefined;
    },
  };
  return pacer;
}
