import { CEL_LIMITS } from './limits.js';

/** Thrown when an evaluation fails; the engine turns it into `filter-error` or a dead-letter reason. */
export class CelEvalError extends Error {
  override readonly name = 'CelEvalError';
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += b === undefined ? '=' : B64[(n >> 6) & 63]!;
    out += c === undefined ? '=' : B64[n & 63]!;
  }
  return out;
}

/** Sets an own data property, so a key such as "__proto__" stays a key and never becomes a prototype. */
function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

interface Budget {
  values: number;
  chars: number;
}

/** A list, copied on write like an object (below); a hole stays a hole, as `Array.prototype.map` keeps it. */
function convertList(list: unknown[], depth: number, budget: Budget): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) {
      out ??= list.slice(0, i);
      continue;
    }
    const v = list[i];
    const c = convert(v, depth + 1, budget);
    if (out === undefined && c !== v) out = list.slice(0, i);
    if (out !== undefined) out[i] = c;
  }
  if (out !== undefined) out.length = list.length;
  return out ?? list;
}

function convert(value: unknown, depth: number, budget: Budget): unknown {
  if (++budget.values > CEL_LIMITS.maxResultValues) {
    throw new CelEvalError(`result has more than ${CEL_LIMITS.maxResultValues} values`);
  }
  if (depth > CEL_LIMITS.maxResultDepth)
    throw new CelEvalError(`result is nested deeper than ${CEL_LIMITS.maxResultDepth}`);
  switch (typeof value) {
    case 'string':
      budget.chars += value.length;
      if (budget.chars > CEL_LIMITS.maxResultChars) {
        throw new CelEvalError(`result holds more than ${CEL_LIMITS.maxResultChars} characters`);
      }
      return value;
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new CelEvalError(`${value} cannot be stored in JSON`);
      return value;
    case 'bigint': {
      const n = Number(value);
      if (!Number.isSafeInteger(n))
        throw new CelEvalError(`integer ${value} is outside the safe JSON range (±2^53-1)`);
      return n;
    }
    case 'object':
      break;
    default:
      throw new CelEvalError(`a ${typeof value} cannot be stored in JSON`);
  }
  if (value === null) return null;
  if (Array.isArray(value)) return convertList(value as unknown[], depth, budget);
  if (value instanceof Uint8Array) return convert(base64(value), depth, budget);
  if (value instanceof Date) return convert(value.toISOString(), depth, budget);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value as Map<unknown, unknown>) {
      const key = typeof k === 'string' ? k : String(convert(k, depth + 1, budget));
      budget.chars += key.length;
      setKey(out, key, convert(v, depth + 1, budget));
    }
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    // CEL values of other kinds (uint, duration, type, optional) have no agreed JSON form.
    const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
    if (kind === 'UnsignedInt') return convert(BigInt(String(value)), depth, budget);
    throw new CelEvalError(`a value of type ${kind} cannot be stored in JSON`);
  }
  // Copy on write: a plain object whose values are all JSON already is returned as it is (the engine treats
  // event data as immutable), so a payload built in plain form, or passed through, is not copied again.
  // Every value is still visited in the same order, so the limits and their errors are unchanged.
  const src = value as Record<string, unknown>;
  // A null-prototype object is always copied, into an ordinary one.
  let out: Record<string, unknown> | undefined = proto === null ? {} : undefined;
  // for…in walks the own keys in Object.keys order (the prototype is Object's or null, neither enumerable)
  // without allocating a key array per object: one array per payload was a visible share of the GC.
  for (const key in src) {
    if (!Object.hasOwn(src, key)) continue;
    budget.chars += key.length;
    const v = src[key];
    const c = convert(v, depth + 1, budget);
    if (out === undefined && c !== v) {
      out = {};
      for (const k in src) {
        if (k === key) break;
        if (Object.hasOwn(src, k)) setKey(out, k, src[k]);
      }
    }
    if (out !== undefined) setKey(out, key, c);
  }
  return out ?? value;
}

/**
 * Converts a CEL result to plain JSON-safe JS: ints (BigInt) become numbers (an error outside the safe
 * integer range), maps become plain objects whose keys are own data properties (a "__proto__" key stays
 * data), bytes become base64 strings, timestamps ISO strings. Throws `CelEvalError` for values JSON cannot
 * hold and for results beyond `CEL_LIMITS` (values, depth, characters).
 */
export function toPlainJson(value: unknown): unknown {
  return convert(value, 0, { values: 0, chars: 0 });
}
