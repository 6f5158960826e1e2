import { CelEvalError } from '../plain-json.js';
import { RandHandle, type CelRand } from '../rand.js';
import type { FastFn, FastState, Node } from './ast.js';
import { indexOfPick } from './rand-log.js';
import { checkDeep, FastBail, isObject, kindOf, ownField } from './values.js';

// Closures for the nodes with their own evaluation rules: logic, membership, map literals and rand calls.

/** `&&` / `||`: an error on the left is absorbed when the right side decides the result. */
export function logical(op: '&&' | '||', left: FastFn, right: FastFn): FastFn {
  const decides = op === '||';
  return (s) => {
    let l: unknown;
    let err: CelEvalError | undefined;
    try {
      l = left(s);
    } catch (e) {
      if (!(e instanceof CelEvalError)) throw e;
      err = e;
    }
    if (err === undefined && l === decides) return decides;
    const r = right(s);
    if (err === undefined && l === !decides) {
      if (typeof r === 'boolean') return r;
      throw new CelEvalError('logical operator requires bool operands');
    }
    if (r === decides) return decides;
    throw err ?? new CelEvalError('logical operator requires bool operands');
  };
}

/** A safe int literal's number, else undefined. */
function safeIntLiteral(n: Node): number | undefined {
  if (n.op !== 'value' || typeof n.args !== 'bigint') return undefined;
  const v = Number(n.args);
  return Number.isSafeInteger(v) ? v : undefined;
}

/**
 * `[..]` of scalar literals as `rand.pick`'s argument, built once: `pick` only indexes the list, and its
 * result is one of the scalars, so no evaluation can see or keep the shared array.
 */
function constantList(n: Node): FastFn | undefined {
  if (n.op !== 'list') return undefined;
  const items: unknown[] = [];
  for (const item of n.args as Node[]) {
    const v = item.args;
    if (item.op !== 'value' || !(v === null || ['string', 'bigint', 'number', 'boolean'].includes(typeof v)))
      return undefined;
    items.push(v);
  }
  return () => items;
}

/**
 * `rand.int/float/pick/uuid`, delegating to the run's CelRand like rand.ts; undefined for other calls.
 * `plainInt`: `rand.int` gives its number as it is, not as a CEL int (only where `toPlainJson` would turn
 * the int into that number straight away, see `plainValue`).
 */
export function randCall(
  method: string,
  argNodes: Node[],
  build: (node: Node) => FastFn,
  deepArg: boolean,
  plainInt = false,
): FastFn | undefined {
  if (method === 'int' && argNodes.length === 2) {
    const lo = safeIntLiteral(argNodes[0]!);
    const hi = safeIntLiteral(argNodes[1]!);
    if (lo !== undefined && hi !== undefined && lo <= hi) return randIntBetween(lo, hi, plainInt);
  }
  const list = method === 'pick' && argNodes.length === 1 ? constantList(argNodes[0]!) : undefined;
  return randCallOf(method, list ? [list] : argNodes.map(build), deepArg, plainInt);
}

// The handle in the activation; without a supplied source it is MISSING_RAND, whose calls throw.
function source(s: FastState): CelRand {
  const h = s.ctx.rand;
  if (!(h instanceof RandHandle)) throw new FastBail('rand handle');
  return h.source;
}

/** The draw `rand.int` makes, checked as the general closure checks it. */
function drawInt(s: FastState, lo: number, hi: number): number {
  const n = source(s).int(lo, hi);
  s.log.push(n);
  if (!Number.isSafeInteger(n)) throw new CelEvalError(`rand.int gave ${n}, not an integer`);
  return n;
}

/**
 * `rand.int(lo, hi)` with safe int literals in order: the bounds are numbers once, at compile time (the
 * general closure evaluates two literals and converts two BigInts per call); the draw and its checks are
 * the same.
 */
function randIntBetween(lo: number, hi: number, plainInt: boolean): FastFn {
  if (plainInt)
    return (s) => {
      const n = drawInt(s, lo, hi);
      return n === 0 ? 0 : n;
    };
  return (s) => BigInt(drawInt(s, lo, hi));
}

function randCallOf(method: string, args: FastFn[], deepArg: boolean, plainInt: boolean): FastFn | undefined {
  if (method === 'float' && args.length === 0) return (s) => push(s, source(s).float());
  if (method === 'uuid' && args.length === 0) return (s) => push(s, source(s).uuid());
  if (method === 'int' && args.length === 2) {
    const [lo, hi] = args as [FastFn, FastFn];
    return (s) => {
      // The library evaluates call arguments last to first, then the receiver.
      const b = hi(s);
      const a = lo(s);
      source(s);
      if (typeof a !== 'bigint' || typeof b !== 'bigint') throw new CelEvalError('rand.int needs ints');
      if (b < a) throw new CelEvalError(`rand.int(${a}, ${b}): the upper bound is below the lower bound`);
      const n = drawInt(s, Number(a), Number(b));
      // BigInt(-0) is 0n, which toPlainJson makes 0: the plain form never keeps a -0.
      if (plainInt) return n === 0 ? 0 : n;
      return BigInt(n);
    };
  }
  if (method === 'pick' && args.length === 1) {
    const [list] = args as [FastFn];
    return (s) => {
      const xs = list(s);
      const src = source(s);
      if (deepArg) checkDeep(xs);
      if (!Array.isArray(xs)) {
        kindOf(xs);
        throw new CelEvalError('rand.pick needs a list');
      }
      if (xs.length === 0) throw new CelEvalError('rand.pick([]): the list is empty');
      const v = src.pick(xs);
      s.log.push(indexOfPick(xs, v));
      return v;
    };
  }
  return undefined; // another rand method or arity: not in the subset
}

function push<T>(s: FastState, v: T): T {
  s.log.push(v);
  return v;
}

/** Builds a map literal as a plain object, entries evaluated in order, keys the library drops skipped. */
export function mapLiteral(entries: [FastFn, FastFn][]): FastFn {
  return (s) => {
    const ks: unknown[] = [];
    const vs: unknown[] = [];
    for (const [k, v] of entries) {
      ks.push(k(s));
      vs.push(v(s));
    }
    const out: Record<string, unknown> = {};
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i];
      if (isObject(k)) throw new FastBail('object map key');
      if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
      out[String(k)] = vs[i];
    }
    return out;
  };
}

/** `x in list` / `k in map`, for scalar `x`; aggregates on the left are left to the library. */
export function membership(x: unknown, coll: unknown): boolean {
  const kx = kindOf(x);
  if (kx === 'list' || kx === 'map' || kx === 'null') throw new FastBail('aggregate membership');
  const kc = kindOf(coll);
  if (kc === 'list') {
    const xs = coll as unknown[];
    if (xs.length > 0 && isObject(xs[0])) throw new FastBail('list of aggregates');
    for (const v of xs) {
      if (v === x) return true;
      if (isObject(v)) throw new FastBail('list of aggregates');
      if (
        (typeof v === 'bigint' && typeof x === 'number') ||
        (typeof v === 'number' && typeof x === 'bigint')
      ) {
        if (v == x) return true;
      }
    }
    return false;
  }
  if (kc === 'map') {
    for (const k in coll as Record<string, unknown>) {
      if (isObject((coll as Record<string, unknown>)[k])) throw new FastBail('map of aggregates');
      break;
    }
    return ownField(coll as object, x) !== undefined;
  }
  throw new CelEvalError('no such overload: in');
}
