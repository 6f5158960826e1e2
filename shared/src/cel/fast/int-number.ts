import { CelEvalError } from '../plain-json.js';
import { FastBail } from './values.js';
import type { FastState, Node } from './ast.js';

/**
 * An int-typed sub-expression computed on JS numbers instead of BigInts, with a bound on its magnitude
 * known at compile time. Only what provably stays within ±(2^53 − 1) qualifies: there a double holds every
 * int exactly, `+ - * %` give exactly what the BigInt operators give (truncating `%` included) and CEL's
 * int64 overflow cannot happen. The one difference is the sign of a zero (`-7 % 7` is -0); every consumer
 * turns the number into a CEL value in a way that drops it (`BigInt(-0)` is 0n, `String(-0)` is "0").
 */
export interface IntNumber {
  readonly f: (s: FastState) => number;
  readonly bound: number;
}

const LIMIT = Number.MAX_SAFE_INTEGER;

/** `seq`/`now` as a number: `compileCel` stores safe ones as numbers, the differential tests as BigInts. */
function safeVariable(v: unknown): number {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'bigint' && v <= BigInt(LIMIT) && v >= -BigInt(LIMIT)) return Number(v);
  throw new FastBail('int variable outside ±2^53');
}

/** The number form of `node`, or undefined when it is not an int expression of that kind. */
export function intNumber(node: Node): IntNumber | undefined {
  switch (node.op) {
    case 'value': {
      if (typeof node.args !== 'bigint' || node.args > BigInt(LIMIT) || node.args < -BigInt(LIMIT))
        return undefined;
      const n = Number(node.args);
      return { f: () => n, bound: Math.abs(n) };
    }
    case 'id': {
      const name = node.args;
      if (name !== 'seq' && name !== 'now') return undefined;
      return { f: (s) => safeVariable(s.ctx[name]), bound: LIMIT };
    }
    case '+':
    case '-':
    case '*':
    case '%':
      return arithmetic(node);
    default:
      return undefined;
  }
}

function arithmetic(node: Node): IntNumber | undefined {
  if (node.checkedType?.name !== 'int') return undefined;
  const [ln, rn] = node.args as [Node, Node];
  const l = intNumber(ln);
  const r = l && intNumber(rn);
  if (!l || !r) return undefined;
  const a = l.f;
  const b = r.f;
  // Operands are evaluated left then right, as `arith` does; none of them can draw.
  switch (node.op) {
    case '+':
      return within(l.bound + r.bound, (s) => a(s) + b(s));
    case '-':
      return within(l.bound + r.bound, (s) => a(s) - b(s));
    case '*':
      return within(l.bound * r.bound, (s) => a(s) * b(s));
    default:
      return within(Math.min(l.bound, r.bound), (s) => {
        const x = a(s);
        const y = b(s);
        if (y === 0) throw new CelEvalError('modulo by zero'); // as `arith` says it
        return x % y;
      });
  }
}

const within = (bound: number, f: (s: FastState) => number): IntNumber | undefined =>
  bound <= LIMIT ? { f, bound } : undefined;

/** The CEL int (BigInt) of a number-form expression. */
export const asInt =
  (n: IntNumber) =>
  (s: FastState): bigint =>
    BigInt(n.f(s));

/** `string(x)` of a number-form int: the digits BigInt's `toString` gives. */
export const intString =
  (n: IntNumber) =>
  (s: FastState): string =>
    String(n.f(s));

/** A number-form int as `toPlainJson` stores a CEL int: its number, never -0. */
export const plainInt =
  (n: IntNumber) =>
  (s: FastState): number => {
    const v = n.f(s);
    return v === 0 ? 0 : v;
  };
