import type { ASTNode } from '@marcbachmann/cel-js';
import { CelEvalError } from '../plain-json.js';
import { callFunction, callMethod } from './calls.js';
import { logical, mapLiteral, membership, randCall } from './nodes.js';
import type { RandLog } from './rand-log.js';
import {
  arith,
  checkDyn,
  COMPARE,
  compareWithInt,
  dynNamedField,
  type CompareOp,
  dynEquals,
  dynField,
  FastBail,
  isObject,
  kindOf,
  listAt,
  noSuchKey,
  ownField,
  type ArithOp,
} from './values.js';

/** What one fast evaluation reads: the activation filled by `compileCel` and the draw log. */
export interface FastState {
  readonly ctx: Record<string, unknown>;
  readonly log: RandLog;
}

/** A compiled sub-expression: plain closures over the type-checked AST, no code generation. */
export type FastFn = (s: FastState) => unknown;

interface Node {
  op: string;
  args: unknown;
  checkedType?: { name: string; kind: string; hasDynType?: boolean; hasPlaceholderType?: boolean };
}

/** The library types a value at run time, deeply, unless its static type is free of dyn. */
const typedDeeply = (n: Node): boolean => n.checkedType?.hasDynType !== false;

/** Which of receiver and arguments the library types at run time before calling (else: a static overload). */
function runtimeTyping(recv: Node | undefined, args: Node[]): boolean[] {
  const t = recv?.checkedType;
  const typing =
    args.some((a) => a.checkedType?.hasDynType === true) ||
    (recv !== undefined && (t?.kind === 'dyn' || t?.hasPlaceholderType === true));
  return [...(recv ? [recv] : []), ...args].map((n) => typing && typedDeeply(n));
}

/** Thrown while compiling when a node is outside the subset; the expression then stays on the library. */
class Unsupported extends Error {}

const isDyn = (n: Node): boolean => n.checkedType?.name === 'dyn';

function literal(v: unknown): FastFn {
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

function variable(name: string): FastFn {
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
      return (s) => s.ctx[name];
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

/** `a.b` / `a[k]`: dynamic receivers go through the library's `fieldAccess` rules, typed ones through their type. */
function access(recvNode: Node, recv: FastFn, keyOf: FastFn): FastFn {
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
function hasMacro(arg: Node): FastFn {
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

/**
 * `{"a": x, "b": y}` with distinct constant string keys: values are evaluated in order straight into the
 * object (constant keys cannot fail or draw, so the order of effects is the library's).
 */
function constantKeyMap(entries: [Node, Node][], plain = false): FastFn | undefined {
  const keys: string[] = [];
  for (const [k] of entries) {
    if (k.op !== 'value' || typeof k.args !== 'string') return undefined;
    if (k.args === '__proto__' || k.args === 'constructor' || k.args === 'prototype' || keys.includes(k.args))
      return undefined;
    keys.push(k.args);
  }
  const values = entries.map(([, v]) => (plain ? plainValue(v) : build(v)));
  if (keys.length === 2) {
    const [k0, k1] = keys as [string, string];
    const [v0, v1] = values as [FastFn, FastFn];
    return (s) => {
      const out: Record<string, unknown> = {};
      out[k0] = v0(s);
      out[k1] = v1(s);
      return out;
    };
  }
  return (s) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) out[keys[i]!] = values[i]!(s);
    return out;
  };
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A value of a payload's root map in the form `toPlainJson` would give it, where that form is free: a safe
 * int as its number (`rand.int` never boxes it in a BigInt at all). Anything else is left as it is, for
 * `toPlainJson` to convert or refuse with its own message; it then finds nothing to copy (decision 0026).
 */
function plainValue(node: Node): FastFn {
  if (node.op === 'rcall') {
    const [name, recvNode, argNodes] = node.args as [string, Node, Node[]];
    if (name === 'int' && recvNode.op === 'id' && recvNode.args === 'rand') {
      const call = randCall(name, argNodes.map(build), runtimeTyping(recvNode, argNodes)[1] ?? false, true);
      if (call) return call;
    }
  }
  const f = build(node);
  return (s) => {
    const v = f(s);
    return typeof v === 'bigint' && v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v;
  };
}

function build(node: Node): FastFn {
  const a = node.args;
  switch (node.op) {
    case 'value':
      return literal(a);
    case 'id':
      return variable(a as string);
    case '.': {
      const [recv, field] = a as [Node, string];
      const get = build(recv);
      if (isDyn(recv)) return (s) => dynNamedField(get(s), field);
      return access(recv, get, () => field);
    }
    case '[]': {
      const [recv, index] = a as [Node, Node];
      return access(recv, build(recv), build(index));
    }
    case 'list': {
      const items = (a as Node[]).map(build);
      return (s) => {
        const out = new Array<unknown>(items.length);
        for (let i = items.length - 1; i >= 0; i--) out[i] = items[i]!(s);
        return out;
      };
    }
    case 'map':
      return (
        constantKeyMap(a as [Node, Node][]) ??
        mapLiteral((a as [Node, Node][]).map(([k, v]) => [build(k), build(v)]))
      );
    case '?:': {
      const [c, t, f] = (a as Node[]).map(build) as [FastFn, FastFn, FastFn];
      return (s) => {
        const cond = c(s);
        if (cond === true) return t(s);
        if (cond === false) return f(s);
        throw new CelEvalError('ternary condition must be bool');
      };
    }
    case '&&':
    case '||': {
      const [l, r] = (a as Node[]).map(build) as [FastFn, FastFn];
      return logical(node.op, l, r);
    }
    case '!_': {
      const x = build(a as Node);
      return (s) => {
        const v = x(s);
        if (typeof v !== 'boolean') throw new CelEvalError('no such overload: !');
        return !v;
      };
    }
    case '-_': {
      const x = build(a as Node);
      return (s) => {
        const v = x(s);
        if (typeof v === 'bigint') return -v;
        if (typeof v === 'number') return -v;
        kindOf(v);
        throw new CelEvalError('no such overload: -');
      };
    }
    case '==':
    case '!=': {
      const [l, r] = (a as Node[]).map(build) as [FastFn, FastFn];
      return node.op === '==' ? (s) => dynEquals(l(s), r(s)) : (s) => !dynEquals(l(s), r(s));
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const op = node.op as CompareOp;
      const cmp = COMPARE[op];
      const [ln, rn] = a as [Node, Node];
      const l = build(ln);
      const withInt =
        rn.op === 'value' && typeof rn.args === 'bigint' ? compareWithInt(op, rn.args) : undefined;
      if (withInt) return (s) => withInt(l(s));
      const r = build(rn);
      return (s) => cmp(l(s), r(s));
    }
    case '+':
    case '-':
    case '*':
    case '/':
    case '%': {
      const op = node.op as ArithOp;
      const [ln, rn] = a as [Node, Node];
      // env.ts registers `int <op> double` without a return type, so the checker calls its (double) result
      // an int and then picks int overloads for whatever uses it; those expressions stay on the library.
      if (
        op !== '%' &&
        node.checkedType?.name === 'int' &&
        !(ln.checkedType?.name === 'int' && rn.checkedType?.name === 'int')
      ) {
        throw new Unsupported('int-typed arithmetic that may yield a double');
      }
      const l = build(ln);
      const r = build(rn);
      return (s) => arith(op, l(s), r(s));
    }
    case 'in': {
      const [l, r] = (a as Node[]).map(build) as [FastFn, FastFn];
      return (s) => membership(l(s), r(s));
    }
    case 'call': {
      const [name, argNodes] = a as [string, Node[]];
      if (name === 'has' && argNodes.length === 1) return hasMacro(argNodes[0]!);
      return callFunction(name, argNodes.map(build), runtimeTyping(undefined, argNodes), Unsupported);
    }
    case 'rcall': {
      const [name, recvNode, argNodes] = a as [string, Node, Node[]];
      const deep = runtimeTyping(recvNode, argNodes);
      if (recvNode.op === 'id' && recvNode.args === 'rand') {
        const call = randCall(name, argNodes.map(build), deep[1] ?? false);
        if (!call) throw new Unsupported(`rand.${name}`);
        return call;
      }
      return callMethod(name, build(recvNode), argNodes.map(build), deep, Unsupported);
    }
    default:
      throw new Unsupported(node.op);
  }
}

/**
 * Compiles a parsed, type-checked AST to closures, or undefined when it uses anything outside the subset.
 * `plainRoot` (payload and emit expressions, whose result only ever goes to `toPlainJson`): a root map
 * literal with constant keys is built with its values in plain-JSON form already.
 */
export function compileFast(ast: ASTNode, plainRoot = false): FastFn | undefined {
  try {
    const root = ast as unknown as Node;
    if (plainRoot && root.op === 'map') {
      const plain = constantKeyMap(root.args as [Node, Node][], true);
      if (plain) return plain;
    }
    return build(root);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}
