import { CelEvalError } from '../plain-json.js';
import { toInt } from './calls.js';
import { runtimeTyping, type FastFn, type FastState, type Node } from './ast.js';
import { checkDeep, FastBail } from './values.js';

/**
 * An int-typed sub-expression computed on JS numbers instead of BigInts. Every value it gives is within
 * ±(2^53 − 1), where a double holds each int exactly, `+ - * %` give exactly what the BigInt operators give
 * (truncating `%` included) and CEL's int64 overflow cannot happen: `bound` is a magnitude known at compile
 * time, and an operation whose bound is not below 2^53 checks its result and hands the whole evaluation
 * back to the library (`FastBail`) when it is not a safe integer, which it is exactly when the true
 * result is (IEEE arithmetic is correctly rounded). The one difference is the sign of a zero (`-7 % 7` is
 * -0); every consumer turns the number into a CEL value in a way that drops it (`BigInt(-0)` is 0n,
 * `String(-0)` is "0").
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

type Build = (node: Node) => FastFn;

/** The number form of `node`, or undefined when it is not an int expression of that kind. */
export function intNumber(node: Node, build: Build): IntNumber | undefined {
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
      return arithmetic(node, build);
    case 'call':
      return intCall(node, build);
    default:
      return undefined;
  }
}

/** `int(x)`: a double truncated, as `toInt` does; any other argument goes through `toInt` itself. */
function intCall(node: Node, build: Build): IntNumber | undefined {
  const [name, argNodes] = node.args as [string, Node[]];
  if (name !== 'int' || argNodes.length !== 1) return undefined;
  const arg = build(argNodes[0]!);
  const deep = runtimeTyping(undefined, argNodes)[0] ?? false;
  return {
    bound: LIMIT,
    f: (s) => {
      const v = arg(s);
      if (deep) checkDeep(v); // as `callFunction` types a dyn argument before choosing the overload
      if (typeof v === 'number' && Number.isFinite(v)) {
        const t = Math.trunc(v);
        if (Number.isSafeInteger(t)) return t;
        throw new FastBail('int() outside ±2^53');
      }
      return safeVariable(toInt(v));
    },
  };
}

function arithmetic(node: Node, build: Build): IntNumber | undefined {
  if (node.checkedType?.name !== 'int') return undefined;
  const [ln, rn] = node.args as [Node, Node];
  const l = intNumber(ln, build);
  const r = l && intNumber(rn, build);
  if (!l || !r) return undefined;
  const a = l.f;
  const b = r.f;
  if (rn.op === 'value') {
    const k = withLiteral(node.op, a, Number(rn.args as bigint), l.bound, r.bound);
    if (k) return k;
  }
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

/**
 * `x op k` with an int literal `k` (`seq % 500`, `int(data.items) * 10`): the literal is a number once, so
 * the closure makes one call instead of two, and `% k` with `k` non-zero needs no zero test. Bounds as in
 * `arithmetic`; undefined for `% 0`, which keeps the general closure and its error.
 */
function withLiteral(
  op: string,
  a: (s: FastState) => number,
  k: number,
  lb: number,
  kb: number,
): IntNumber | undefined {
  switch (op) {
    case '+':
      return within(lb + kb, (s) => a(s) + k);
    case '-':
      return within(lb + kb, (s) => a(s) - k);
    case '*':
      return within(lb * kb, (s) => a(s) * k);
    default:
      return k === 0 ? undefined : within(Math.min(lb, kb), (s) => a(s) % k);
  }
}

function within(bound: number, f: (s: FastState) => number): IntNumber {
  if (bound <= LIMIT) return { f, bound };
  return {
    bound: LIMIT,
    f: (s) => {
      const v = f(s);
      if (Number.isSafeInteger(v)) return v;
      throw new FastBail('int result outside ±2^53'); // the library gives the BigInt, or the overflow
    },
  };
}

/** The CEL int (BigInt) of a number-form expression. */
export const asInt =
  (n: IntNumber) =>
  (s: FastState): bigint =>
    BigInt(n.f(s));

/**
 * `"prefix" + string(x)` for a number-form int of a small bound (`"acct-" + string(seq % 500)`): each
 * distinct string is built once and handed out again, so a partition key made this way is neither
 * allocated nor hashed again per event (strings are values: the same text is the same CEL string).
 */
export function prefixedIntString(prefix: string, n: IntNumber): FastFn | undefined {
  if (n.bound > 4096) return undefined;
  const cache = new Array<string | undefined>(2 * n.bound + 1);
  return (s) => {
    const v = n.f(s);
    return (cache[v + n.bound] ??= prefix + String(v));
  };
}

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
