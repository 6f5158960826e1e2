import { CelEvalError } from '../plain-json.js';
import { isDyn, Unsupported, type FastFn, type Node } from './ast.js';
import {
  checkDyn,
  dynField,
  dynNamedField,
  FastBail,
  isObject,
  kindOf,
  listAt,
  noSuchKey,
  ownField,
} from './values.js';

// Closures for the leaves of an expression and the field accesses on them.

export function literal(v: unknown): FastFn {
  if (
    v === null ||
    typeof v === 'string' ||
    typeof v === 'bigint' ||
    typeof v === 'number' ||
    typeof v === 'boolean'
  ) {
    return () => v;
  }
  throw new Unsupported('literal');
}

export function variable(name: string): FastFn {
  switch (name) {
    case 'data':
    case 'key':
      // Declared dyn: the library still types the value (an own "constructor" key is an error there).
      return (s) => {
        const v = s.ctx[name];
        checkDyn(v);
        return v;
      };
    case 'seq':
    case 'now':
      // `compileCel` stores a safe int as its number (the BigInt is made only where it is read as one).
      return (s) => {
        const v = s.ctx[name];
        return typeof v === 'number' ? BigInt(v) : v;
      };
    case 'event':
      return (s) => {
        const v = s.ctx.event;
        if (!isObject(v) || Array.isArray(v) || kindOf(v) !== 'map')
          throw new CelEvalError("variable 'event' is not a map");
        return v;
      };
    default:
      throw new Unsupported(`variable ${name}`);
  }
}

/**
 * `data.name`, the commonest leaf of filters, keys and emits, in one closure: what `variable('data')`
 * followed by `dynNamedField` does (the dyn check of `data`, then the own field), without a closure call
 * and a second constructor read in between. A map's own field is returned as the two steps return it;
 * anything else (a list, a scalar, null, a class instance) goes through those two functions themselves.
 */
export function dataField(name: string): FastFn {
  return (s) => readField(s.ctx.data, name);
}

function readField(d: unknown, name: string): unknown {
  if (typeof d === 'object' && d !== null) {
    const c = (d as { constructor?: unknown }).constructor;
    if (c === Object || c === undefined) {
      // `checkDyn` passes a map; this is `dynNamedField`'s map branch.
      if (Object.hasOwn(d, name)) {
        const v = (d as Record<string, unknown>)[name];
        if (v !== undefined) {
          if (typeof v === 'object') kindOf(v);
          return v;
        }
      }
      throw noSuchKey(name);
    }
  }
  checkDyn(d);
  return dynNamedField(d, name);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** `data.name` as a payload's root map stores it (`plainValue`): a safe BigInt as its number. */
export function plainDataField(name: string): FastFn {
  return (s) => {
    const v = readField(s.ctx.data, name);
    return typeof v === 'bigint' && v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v;
  };
}

/** `a.b` / `a[k]`: dynamic receivers go through the library's `fieldAccess` rules, typed ones through their type. */
export function access(recvNode: Node, recv: FastFn, keyOf: FastFn): FastFn {
  if (isDyn(recvNode)) return (s) => dynField(recv(s), keyOf(s));
  const kind = recvNode.checkedType?.kind;
  if (kind === 'map') {
    return (s) => {
      const obj = recv(s);
      const key = keyOf(s);
      if (isObject(key)) throw new FastBail('object key');
      const v = isObject(obj) ? ownField(obj, key) : undefined;
      if (v === undefined) throw noSuchKey(key);
      checkDyn(v);
      return v;
    };
  }
  if (kind === 'list') {
    return (s) => {
      const list = recv(s);
      const key = keyOf(s);
      if (!Array.isArray(list)) throw new FastBail('list type without an array');
      const v = listAt(list, key);
      checkDyn(v);
      return v;
    };
  }
  throw new Unsupported('access on a typed non-aggregate');
}

/** `has(a.b.c)`: intermediate fields must exist, the last one is tested (the library's `has` macro). */
export function hasMacro(arg: Node): FastFn {
  const fields: string[] = [];
  let n = arg;
  while (n.op === '.') {
    const [inner, field] = n.args as [Node, string];
    fields.unshift(field);
    n = inner;
  }
  if (n.op !== 'id' || fields.length === 0) throw new Unsupported('has() argument');
  const root = variable(n.args as string);
  return (s) => {
    let obj = root(s);
    for (let i = 0; i < fields.length; i++) {
      const kind = kindOf(obj);
      let next: unknown;
      if (kind === 'map') next = ownField(obj as object, fields[i]);
      else next = undefined; // lists, scalars and null have no named fields
      if (next === undefined) {
        if (i < fields.length - 1) throw noSuchKey(fields[i]);
        return false;
      }
      checkDyn(next); // the library checks the field value fits dyn even when only testing presence
      obj = next;
    }
    return true;
  };
}
