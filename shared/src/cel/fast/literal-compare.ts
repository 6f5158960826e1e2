import type { FastFn } from './ast.js';
import { COMPARE, dynEquals, type CompareOp } from './values.js';

// Comparisons with a literal on one side (`data.amount > 250`, `data.region != "apac"`), the shapes of
// filters and routes: one closure that reads the other side and compares, with the general rule as the
// fallback for every value the shortcut does not cover.

/**
 * `x < 250` and friends with an int literal on the right: a JSON number (double) on the left is compared
 * with the literal as a number (exact, the literal being a safe integer), avoiding a mixed BigInt compare.
 * Anything else goes to `COMPARE`, which gives the int result or the error.
 */
export function compareWithInt(op: CompareOp, left: FastFn, n: bigint): FastFn | undefined {
  const d = Number(n);
  if (!Number.isSafeInteger(d)) return undefined;
  const general = COMPARE[op];
  switch (op) {
    case '<':
      return (s) => {
        const a = left(s);
        return typeof a === 'number' ? a < d : general(a, n);
      };
    case '<=':
      return (s) => {
        const a = left(s);
        return typeof a === 'number' ? a <= d : general(a, n);
      };
    case '>':
      return (s) => {
        const a = left(s);
        return typeof a === 'number' ? a > d : general(a, n);
      };
    default:
      return (s) => {
        const a = left(s);
        return typeof a === 'number' ? a >= d : general(a, n);
      };
  }
}

/**
 * `x == lit` / `x != lit` (either order) with a string or bool literal: a value of the literal's own
 * type compares by `===`, as `dynEquals` does for equal kinds; any other value goes to `dynEquals`,
 * which gives false, or the library's error or hand-back. A literal cannot fail or draw, so evaluating
 * it first or last changes nothing.
 */
export function equalsLiteral(negate: boolean, other: FastFn, lit: unknown): FastFn | undefined {
  const type = typeof lit;
  if (type !== 'string' && type !== 'boolean') return undefined;
  if (negate)
    return (s) => {
      const v = other(s);
      return typeof v === type ? v !== lit : !dynEquals(v, lit);
    };
  return (s) => {
    const v = other(s);
    return typeof v === type ? v === lit : dynEquals(v, lit);
  };
}
