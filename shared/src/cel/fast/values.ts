import { CelEvalError } from '../plain-json.js';

/**
 * The fast path met a case it does not model exactly (a value kind or type rule it leaves to the
 * library). Never an answer: the caller reruns the expression on the library path.
 */
export class FastBail extends Error {
  override readonly name = 'FastBail';
}

export const MAX_INT = 9223372036854775807n;
export const MIN_INT = -9223372036854775808n;

/** Runtime kinds as the library's `debugType` sees plain JSON-ish values. */
export type Kind = 'string' | 'int' | 'double' | 'bool' | 'null' | 'list' | 'map';

const ctorOf = (v: object): unknown => (v as { constructor?: unknown }).constructor;

/**
 * Mirrors the library's `debugType`: it types objects through `value.constructor`, so an object with an
 * own "constructor" key (or any class instance) is an "unsupported type" error there, and here.
 */
export function kindOf(v: unknown): Kind {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'bigint':
      return 'int';
    case 'number':
      return 'double';
    case 'boolean':
      return 'bool';
    case 'object': {
      if (v === null) return 'null';
      const c = ctorOf(v);
      if (c === Object || c === undefined) return 'map';
      if (c === Array) return 'list';
      if (c === Map || c === Set) throw new FastBail('Map/Set value');
      throw new CelEvalError('unsupported type');
    }
    default:
      throw new FastBail(`${typeof v} value`);
  }
}

/**
 * Mirrors the library's check that a value fits `dyn` (variables, values of typed maps and lists). It is
 * looser than `debugType`: an own "constructor" key holding null passes here but not there.
 */
export function checkDyn(v: unknown): void {
  if (typeof v !== 'object' || v === null) {
    kindOf(v);
    return;
  }
  const c = ctorOf(v);
  if (c === null || c === undefined || c === Object || c === Array) return;
  kindOf(v);
}

/** Mirrors `debugTypeDeep`: also types the first element of a list / first entry of a map. */
export function checkDeep(v: unknown): void {
  const k = kindOf(v);
  if (k === 'list') {
    const first: unknown = (v as unknown[])[0];
    if (first !== undefined) checkDeep(first);
  } else if (k === 'map') {
    for (const key in v as Record<string, unknown>) {
      checkDeep((v as Record<string, unknown>)[key]);
      return;
    }
  }
}

export const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;

export function noSuchKey(key: unknown): CelEvalError {
  // Objects from data may carry an own "toString": never stringify them.
  return new CelEvalError(`no such key: ${isObject(key) ? 'a list or map' : String(key)}`);
}

export function noOverload(op: string): CelEvalError {
  return new CelEvalError(`no such overload for ${op}`);
}

/** List element access as the library's list type does it (int or double index). */
export function listAt(list: unknown[], key: unknown): unknown {
  let pos: number;
  if (typeof key === 'bigint') pos = Number(key);
  else if (typeof key === 'number') pos = key;
  else throw noSuchKey(key);
  const v: unknown = list[pos];
  if (v === undefined) throw new CelEvalError(`index out of bounds: ${pos}`);
  return v;
}

/** Own-property read only: `data.constructor` or `data.toString` never reach the prototype. */
export function ownField(obj: object, key: unknown): unknown {
  const k = String(key);
  return Object.hasOwn(obj, k) ? (obj as Record<string, unknown>)[k] : undefined;
}

/** `a.b` / `a[b]` when `a` is dynamically typed (the library's `fieldAccess`). */
export function dynField(left: unknown, key: unknown): unknown {
  if (isObject(left)) {
    const c = ctorOf(left);
    if (c === Object || c === undefined) {
      if (typeof key === 'object' && key !== null) throw new FastBail('object key');
      const v = ownField(left, key);
      if (v !== undefined) {
        kindOf(v);
        return v;
      }
      throw noSuchKey(key);
    }
    if (c === Array) return listAt(left as unknown[], key);
    if (c === Map || c === Set) throw new FastBail('Map/Set value');
    throw new CelEvalError('unsupported type');
  }
  if (left === null) throw noSuchKey(key);
  if (
    typeof left === 'string' ||
    typeof left === 'bigint' ||
    typeof left === 'number' ||
    typeof left === 'boolean'
  ) {
    throw noSuchKey(key);
  }
  throw new FastBail('field of an unknown value');
}

/** `a.name` when `a` is dynamically typed: `dynField` for a constant string key, without the key checks. */
export function dynNamedField(left: unknown, name: string): unknown {
  if (typeof left === 'object' && left !== null) {
    const c = ctorOf(left);
    if (c === Object || c === undefined) {
      if (Object.hasOwn(left, name)) {
        const v = (left as Record<string, unknown>)[name];
        if (v !== undefined) {
          if (typeof v === 'object') kindOf(v);
          return v;
        }
      }
      throw noSuchKey(name);
    }
  }
  return dynField(left, name);
}

/** `==` between two dynamically typed values; lists and maps are left to the library. */
export function dynEquals(a: unknown, b: unknown): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === 'list' || ka === 'map' || kb === 'list' || kb === 'map')
    throw new FastBail('aggregate equality');
  if (ka === kb) return a === b;
  // Registered as `dyn<int> == double` (both orders): compared numerically.
  if ((ka === 'int' && kb === 'double') || (ka === 'double' && kb === 'int')) return a == b;
  return false;
}

/** Kinds `<`, `<=`, `>`, `>=` accept: same kind (int, double, string, bool) or an int/double mix. */
function comparable(a: unknown, b: unknown): boolean {
  const ta = typeof a;
  const tb = typeof b;
  if (ta === tb) return ta === 'number' || ta === 'bigint' || ta === 'string' || ta === 'boolean';
  return (ta === 'number' && tb === 'bigint') || (ta === 'bigint' && tb === 'number');
}

function notComparable(op: string, a: unknown, b: unknown): never {
  kindOf(a);
  kindOf(b);
  throw noOverload(op);
}

export type CompareOp = '<' | '<=' | '>' | '>=';

/** One function per operator (no dispatch per evaluation), typed as the library registers them. */
export const COMPARE: Record<CompareOp, (a: unknown, b: unknown) => boolean> = {
  '<': (a, b) => (comparable(a, b) ? (a as number) < (b as number) : notComparable('<', a, b)),
  '<=': (a, b) => (comparable(a, b) ? (a as number) <= (b as number) : notComparable('<=', a, b)),
  '>': (a, b) => (comparable(a, b) ? (a as number) > (b as number) : notComparable('>', a, b)),
  '>=': (a, b) => (comparable(a, b) ? (a as number) >= (b as number) : notComparable('>=', a, b)),
};

function checkedInt(v: bigint): bigint {
  if (v <= MAX_INT && v >= MIN_INT) return v;
  throw new CelEvalError(`integer overflow: ${v}`);
}

export type ArithOp = '+' | '-' | '*' | '/' | '%';

/** Arithmetic with the library's overloads plus the int/double mixes `env.ts` registers. */
export function arith(op: ArithOp, a: unknown, b: unknown): unknown {
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'bigint' && tb === 'bigint') {
    const x = a as bigint;
    const y = b as bigint;
    switch (op) {
      case '+':
        return checkedInt(x + y);
      case '-':
        return checkedInt(x - y);
      case '*':
        return checkedInt(x * y);
      case '/':
        if (y === 0n) throw new CelEvalError('division by zero');
        return x / y;
      default:
        if (y === 0n) throw new CelEvalError('modulo by zero');
        return x % y;
    }
  }
  if ((ta === 'number' || ta === 'bigint') && (tb === 'number' || tb === 'bigint') && op !== '%') {
    const x = Number(a as number);
    const y = Number(b as number);
    return op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : x / y;
  }
  if (op === '+' && ta === 'string' && tb === 'string') return (a as string) + (b as string);
  kindOf(a);
  kindOf(b);
  if (op === '+' && Array.isArray(a) && Array.isArray(b)) throw new FastBail('list concatenation');
  throw noOverload(op);
}
