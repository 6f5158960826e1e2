import { compileCel, type CelContext, type CompiledExpr } from '@eventflow/shared';
import type { State } from './model.js';

export type * from './model.js';

export function intern(list: string[], index: Map<string, number>, s: string): number {
  let i = index.get(s);
  if (i === undefined) {
    i = list.length;
    list.push(s);
    index.set(s, i);
  }
  return i;
}

/** Reason strings are interned (stored as 16-bit codes); past the cap new ones share a generic code. */
export function reasonCode(s: State, reason: string): number {
  const known = s.reasonIndex.get(reason);
  if (known !== undefined) return known;
  if (s.reasons.length >= 65000)
    return intern(s.reasons, s.reasonIndex, 'see event details (too many distinct reasons)');
  return intern(s.reasons, s.reasonIndex, reason);
}

export function compileOrThrow(
  source: string,
  context: Exclude<CelContext, 'breakpoint'>,
  where: string,
): CompiledExpr {
  const r = compileCel(source, context);
  if (!r.ok) throw new Error(`${where}: ${r.message}`);
  return r.expr;
}
