import { CEL_LIMITS } from '../limits.js';
import { isDyn, runtimeTyping, type FastFn, type Node } from './ast.js';
import { intNumber, plainInt } from './int-number.js';
import { plainDataField } from './leaves.js';
import { randCall } from './nodes.js';
import { plainFiller } from './plain-filler.js';

type Build = (node: Node) => FastFn;

/** Keys a constant-key map literal may have: distinct strings that never touch the prototype. */
function constantKeys(entries: [Node, Node][]): string[] | undefined {
  const keys: string[] = [];
  for (const [k] of entries) {
    if (k.op !== 'value' || typeof k.args !== 'string') return undefined;
    if (k.args === '__proto__' || k.args === 'constructor' || k.args === 'prototype' || keys.includes(k.args))
      return undefined;
    keys.push(k.args);
  }
  return keys;
}

/**
 * Fills a fresh object with `keys` from `values`, in order. Up to four entries are written as named stores
 * (one object shape each, no keyed store per entry); payloads rarely have more.
 */
function filler(keys: string[], values: FastFn[]): FastFn {
  switch (keys.length) {
    case 2: {
      const [k0, k1] = keys as [string, string];
      const [v0, v1] = values as [FastFn, FastFn];
      return (s) => {
        const out: Record<string, unknown> = {};
        out[k0] = v0(s);
        out[k1] = v1(s);
        return out;
      };
    }
    case 3: {
      const [k0, k1, k2] = keys as [string, string, string];
      const [v0, v1, v2] = values as [FastFn, FastFn, FastFn];
      return (s) => {
        const out: Record<string, unknown> = {};
        out[k0] = v0(s);
        out[k1] = v1(s);
        out[k2] = v2(s);
        return out;
      };
    }
    case 4: {
      const [k0, k1, k2, k3] = keys as [string, string, string, string];
      const [v0, v1, v2, v3] = values as [FastFn, FastFn, FastFn, FastFn];
      return (s) => {
        const out: Record<string, unknown> = {};
        out[k0] = v0(s);
        out[k1] = v1(s);
        out[k2] = v2(s);
        out[k3] = v3(s);
        return out;
      };
    }
    default:
      return (s) => {
        const out: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) out[keys[i]!] = values[i]!(s);
        return out;
      };
  }
}

/**
 * `{"a": x, "b": y}` with distinct constant string keys: values are evaluated in order straight into the
 * object (constant keys cannot fail or draw, so the order of effects is the library's).
 */
export function constantKeyMap(entries: [Node, Node][], build: Build): FastFn | undefined {
  const keys = constantKeys(entries);
  return (
    keys &&
    filler(
      keys,
      entries.map(([, v]) => build(v)),
    )
  );
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A value of a payload's root map in the form `toPlainJson` would give it, where that form is free: a safe
 * int as its number (`rand.int` never boxes it in a BigInt at all, nor does int arithmetic on `seq` within
 * ±2^53). Anything else is left as it is, for `toPlainJson` to convert or refuse with its own message; it
 * then finds nothing to copy (decision 0026).
 */
function plainValue(node: Node, build: Build): FastFn {
  if (node.op === 'rcall') {
    const [name, recvNode, argNodes] = node.args as [string, Node, Node[]];
    if (name === 'int' && recvNode.op === 'id' && recvNode.args === 'rand') {
      const call = randCall(name, argNodes, build, runtimeTyping(recvNode, argNodes)[1] ?? false, true);
      if (call) return call;
    }
  }
  if (node.op === '.') {
    const [recv, field] = node.args as [Node, string];
    if (recv.op === 'id' && recv.args === 'data' && isDyn(recv)) return plainDataField(field);
  }
  const n = intNumber(node, build);
  if (n) return plainInt(n);
  const f = build(node);
  return (s) => {
    const v = f(s);
    return typeof v === 'bigint' && v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v;
  };
}

/**
 * A payload's root map with constant keys, values in plain form. When every value it got is a JSON scalar
 * and the map is within `CEL_LIMITS`, it is exactly what `toPlainJson` would return unchanged (an ordinary
 * object with own data keys, no value to convert, no limit reached), so it says so in `s.plain` and the
 * caller skips that walk. Anything else (an aggregate, a BigInt, a non-finite number, too many characters)
 * leaves `s.plain` false and `toPlainJson` decides, with its own errors.
 */
export function plainRootMap(entries: [Node, Node][], build: Build): FastFn | undefined {
  const keys = constantKeys(entries);
  if (!keys) return undefined;
  const values = entries.map(([, v]) => plainValue(v, build));
  // The root and one value per key; all at depth 1, within `maxResultDepth`.
  if (keys.length + 1 > CEL_LIMITS.maxResultValues) return filler(keys, values);
  const keyChars = keys.reduce((n, k) => n + k.length, 0);
  return plainFiller(keys, values, CEL_LIMITS.maxResultChars - keyChars);
}
