import { ok, type Breakpoint, type FlowEvent, type Hop, type Result } from '@eventflow/shared';
import type { Engine } from '../engine/api.js';
import { compileBreakpoints, type BreakpointMatcher } from './breakpoint-matcher.js';

/**
 * A run's breakpoints. While one is enabled the run moves hop by hop (`step(1, until)`), each newly visible
 * hop is checked, and a match stops the run ON that hop: the engine may have written the rest of the task's
 * hops, but they stay invisible (never streamed, never in a query) until the run moves on. With none enabled,
 * `watching()` is false and the pacer keeps its chunked path, with no per-hop cost.
 */
export interface BreakpointWatch {
  /** Replaces the list (set-all); refuses the whole list when one entry is wrong. */
  set(list: readonly Breakpoint[]): Result<{ enabled: number }>;
  watching(): boolean;
  /** Checks the last visible hop; on a match calls `onHit` and returns true. */
  checkLast(): boolean;
  /** `advanceTo(target)`, but stopping at the first matching hop; true when it stopped there. */
  advance(target: number): boolean;
}

export function createBreakpointWatch(
  engine: () => Engine,
  nodeIds: ReadonlySet<string>,
  onHit: (bp: Breakpoint, hop: Hop) => void,
): BreakpointWatch {
  let matcher: BreakpointMatcher | undefined;
  // One event usually makes several hops in a row (a publish, then a delivery per group): build its
  // CloudEvent once. Keyed by engine too, since ids start again after a reset.
  let cached: { engine: Engine; id: string; event: FlowEvent | undefined } | undefined;
  const eventOf = (e: Engine, id: string) => {
    if (cached?.engine !== e || cached.id !== id) cached = { engine: e, id, event: e.trace.event(id) };
    return cached.event;
  };

  const watch: BreakpointWatch = {
    set(list) {
      const r = compileBreakpoints(list, nodeIds);
      if (!r.ok) return r;
      matcher = r.value;
      return ok({ enabled: list.filter((b) => b.enabled).length });
    },
    watching: () => matcher !== undefined,
    checkLast() {
      if (!matcher) return false;
      const e = engine();
      const seq = e.trace.lastSeq();
      const hop = e.trace.read(seq, seq)[0];
      const bp = hop && matcher.match(hop, (id) => eventOf(e, id));
      if (!hop || !bp) return false;
      onHit(bp, hop);
      return true;
    },
    advance(target) {
      const e = engine();
      if (matcher) {
        while (e.step(1, target) > 0) if (watch.checkLast()) return true;
      }
      e.advanceTo(target);
      return false;
    },
  };
  return watch;
}
