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
  /** True while a breakpoint is enabled: the engine then moves one hop at a time so each can be checked. */
  watching: () => boolean;
  /** Checks the hop just made visible; true means the run paused on it (and stopped this pacer). */
  checkHop: () => boolean;
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

  /** Nothing is scheduled: hops a breakpoint pause left unrevealed are shown before the run completes. */
  function idle(engine: Engine): void {
    engine.advanceTo(engine.now());
    deps.onIdle();
  }

  /** Hop by hop up to simulated `target`: 'hit' (paused on a breakpoint), 'slice' (out of time) or 'done'. */
  function watchTo(engine: Engine, target: number, deadline: number): 'hit' | 'slice' | 'done' {
    let outcome: 'hit' | 'slice' | 'done' = 'done';
    timed(() => {
      for (let n = 1; ; n++) {
        if (engine.step(1, target) === 0) return;
        if (deps.checkHop()) return void (outcome = 'hit');
        if ((n & 255) === 0 && deps.wallNow() > deadline) return void (outcome = 'slice');
      }
    });
    return outcome;
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
      if (deps.watching()) {
        const outcome = watchTo(engine, target, deadline);
        if (outcome === 'hit') return;
        // Every task due by `target` has run and shown its hops: this only moves the clock.
        if (outcome === 'done') engine.advanceTo(target);
        if (outcome === 'done' && engine.nextTime() === undefined) return idle(engine);
      } else {
        while (engine.now() < target) {
          const next = engine.nextTime();
          if (next === undefined) return idle(engine);
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
        if (engine.nextTime() === undefined) return idle(engine);
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
      let hit = false;
      const ms = timed(() => {
        if (!deps.watching()) made = engine.step(chunk);
        else while (made < chunk && engine.step(1) === 1 && !(hit = deps.checkHop())) made++;
      });
      if (hit) return;
      if (made === 0) {
        idle(engine);
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
