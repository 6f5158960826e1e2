import { CelEvalError } from '../plain-json.js';
import type { FastFn } from './ast.js';
import { checkDeep, kindOf, MAX_INT, MIN_INT } from './values.js';

type UnsupportedCtor = new (message: string) => Error;

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function size(v: unknown): bigint {
  switch (kindOf(v)) {
    case 'string':
      return BigInt(codePoints(v as string));
    case 'list':
      return BigInt((v as unknown[]).length);
    case 'map':
      return BigInt(Object.keys(v as object).length);
    default:
      throw new CelEvalError('no matching overload for size');
  }
}

function toStringValue(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
    case 'bigint':
      return `${v}`;
    case 'number':
      return v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : `${v}`;
    default:
      throw new CelEvalError('no matching overload for string');
  }
}

export function toInt(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return BigInt(Math.trunc(v));
    throw new CelEvalError('int() type error: integer overflow');
  }
  if (typeof v === 'string') {
    if (v !== v.trim() || v.length > 20 || v.includes('0x'))
      throw new CelEvalError('int() type error: cannot convert to int');
    let n: bigint | undefined;
    try {
      n = BigInt(v);
    } catch {
      n = undefined;
    }
    if (n !== undefined && n <= MAX_INT && n >= MIN_INT) return n;
    throw new CelEvalError('int() type error: cannot convert to int');
  }
  throw new CelEvalError('no matching overload for int');
}

function toDouble(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    if (!v || v !== v.trim()) throw new CelEvalError('double() type error: cannot convert to double');
    switch (v.toLowerCase()) {
      case 'inf':
      case '+inf':
      case 'infinity':
      case '+infinity':
        return Infinity;
      case '-inf':
      case '-infinity':
        return -Infinity;
      case 'nan':
        return NaN;
      default: {
        const n = Number(v);
        if (!Number.isNaN(n)) return n;
        throw new CelEvalError('double() type error: cannot convert to double');
      }
    }
  }
  throw new CelEvalError('no matching overload for double');
}

const UNARY: Record<string, (v: unknown) => unknown> = {
  size,
  string: toStringValue,
  int: toInt,
  double: toDouble,
};

/**
 * Global functions of one argument. When an argument's static type involves dyn, the library types the
 * arguments at run time (deeply) before choosing an overload, so a malformed nested value fails there;
 * `deep[i]` says which arguments it types that way, and `checkDeep` mirrors it.
 */
export function callFunction(
  name: string,
  args: FastFn[],
  deep: boolean[],
  Unsupported: UnsupportedCtor,
): FastFn {
  const f = Object.hasOwn(UNARY, name) ? UNARY[name] : undefined;
  const [arg] = args;
  if (!f || !arg || args.length !== 1) throw new Unsupported(`function ${name}`);
  if (!deep[0]) return (s) => f(arg(s));
  return (s) => {
    const v = arg(s);
    checkDeep(v);
    return f(v);
  };
}

const STRING_TESTS: Record<string, (a: string, b: string) => boolean> = {
  startsWith: (a, b) => a.startsWith(b),
  endsWith: (a, b) => a.endsWith(b),
  contains: (a, b) => a.includes(b),
};

/** Receiver calls: `s.startsWith(t)`, `s.endsWith(t)`, `s.contains(t)`, `x.size()`. */
export function callMethod(
  name: string,
  recv: FastFn,
  args: FastFn[],
  deep: boolean[],
  Unsupported: UnsupportedCtor,
): FastFn {
  const [deepRecv, deepArg] = deep;
  if (name === 'size' && args.length === 0) {
    return (s) => {
      const v = recv(s);
      if (deepRecv) checkDeep(v);
      return size(v);
    };
  }
  const test = Object.hasOwn(STRING_TESTS, name) ? STRING_TESTS[name] : undefined;
  const [arg] = args;
  if (!test || !arg || args.length !== 1) throw new Unsupported(`method ${name}`);
  return (s) => {
    // Arguments are evaluated before the receiver, as in the library.
    const b = arg(s);
    const a = recv(s);
    if (deepArg) checkDeep(b);
    if (deepRecv) checkDeep(a);
    if (typeof a !== 'string' || typeof b !== 'string')
      throw new CelEvalError(`no matching overload for ${name}`);
    return test(a, b);
  };
}
