import type { ASTNode } from '@marcbachmann/cel-js';
import { RandHandle } from '../rand.js';
import { compileFast, type FastState } from './compile.js';
import { RandLog, replaying } from './rand-log.js';

export { compileFast, type FastFn, type FastState } from './compile.js';
export { FastBail } from './values.js';

let enabledByDefault = true;

/** Names of the variables `ast` reads, so the caller fills (and converts) only those. */
export function referencedVariables(ast: ASTNode): Set<string> {
  const names = new Set<string>();
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) for (const y of x) visit(y);
    else if (typeof x === 'object' && x !== null && 'op' in x && 'args' in x) {
      const node = x as { op: unknown; args: unknown };
      if (node.op === 'id' && typeof node.args === 'string') names.add(node.args);
      else visit(node.args);
    }
  };
  visit(ast);
  return names;
}

/** Turns the fast path on or off for expressions compiled afterwards (off: library path only). */
export function setCelFastPath(enabled: boolean): void {
  enabledByDefault = enabled;
}

export function celFastPathEnabled(): boolean {
  return enabledByDefault;
}

/** An expression's runner with the fast path in front of the library. */
export interface FastRunner {
  run(ctx: Record<string, unknown>): unknown;
  /** The last result is plain JSON within `CEL_LIMITS` already: `toPlainJson` would return it unchanged. */
  plain(): boolean;
}

/**
 * Wraps the library runner `run` with the fast path for `ast`, or returns undefined when the expression is
 * outside the subset. The fast path answers only when it succeeds; on any throw (a CEL error, or a case
 * it leaves to the library) the library evaluates the same activation, replaying the draws the fast path
 * already took, so it decides the value or the exact error message and the random stream stays the same.
 * `plainRoot`: the result goes only to `toPlainJson` (payload and emit contexts), see `compileFast`.
 * `ints`: activation variables the caller may store as safe-integer numbers (`seq`, `now`); the fast path
 * reads either form, and they become the BigInts the library expects before it runs.
 */
export function withFastPath(
  ast: ASTNode,
  ctx: Record<string, unknown>,
  run: (ctx: Record<string, unknown>) => unknown,
  plainRoot = false,
  ints: readonly string[] = [],
): FastRunner | undefined {
  const fast = compileFast(ast, plainRoot);
  if (!fast) return undefined;
  const log = new RandLog();
  const state: FastState = { ctx, log, plain: false };
  return {
    plain: () => state.plain,
    run() {
      log.count = 0;
      state.plain = false;
      try {
        return fast(state);
      } catch {
        // The library decides: it gives the value, or the error with its own message.
      }
      state.plain = false;
      for (const name of ints) {
        const v = ctx[name];
        if (typeof v === 'number') ctx[name] = BigInt(v);
      }
      const handle = ctx.rand;
      if (log.count > 0 && handle instanceof RandHandle)
        ctx.rand = new RandHandle(replaying(log.taken(), handle.source));
      try {
        return run(ctx);
      } finally {
        ctx.rand = handle;
      }
    },
  };
}
