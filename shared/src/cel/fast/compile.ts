import type { ASTNode } from '@marcbachmann/cel-js';
import { CelEvalError } from '../plain-json.js';
import { isDyn, runtimeTyping, Unsupported, type FastFn, type Node } from './ast.js';
import { callFunction, callMethod } from './calls.js';
import { asInt, intNumber, intString, prefixedIntString } from './int-number.js';
import { access, dataField, hasMacro, literal, variable } from './leaves.js';
import { compareWithInt, equalsLiteral } from './literal-compare.js';
import { constantKeyMap, plainRootMap } from './maps.js';
import { logical, mapLiteral, membership, randCall } from './nodes.js';
import { arith, COMPARE, dynNamedField, type CompareOp, dynEquals, kindOf, type ArithOp } from './values.js';

export type { FastFn, FastState } from './ast.js';

/** `"literal" + string(x)` with `x` a small number-form int, else undefined. */
function prefixedString(ln: Node, rn: Node): FastFn | undefined {
  if (ln.op !== 'value' || typeof ln.args !== 'string' || rn.op !== 'call') return undefined;
  const [name, argNodes] = rn.args as [string, Node[]];
  if (name !== 'string' || argNodes.length !== 1) return undefined;
  const n = intNumber(argNodes[0]!, build);
  return n && prefixedIntString(ln.args, n);
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
      if (recv.op === 'id' && recv.args === 'data' && isDyn(recv)) return dataField(field);
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
        constantKeyMap(a as [Node, Node][], build) ??
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
      const [ln, rn] = a as [Node, Node];
      const negate = node.op === '!=';
      const withLiteral =
        rn.op === 'value'
          ? equalsLiteral(negate, build(ln), rn.args)
          : ln.op === 'value'
            ? equalsLiteral(negate, build(rn), ln.args)
            : undefined;
      if (withLiteral) return withLiteral;
      const [l, r] = [build(ln), build(rn)];
      return negate ? (s) => !dynEquals(l(s), r(s)) : (s) => dynEquals(l(s), r(s));
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
        rn.op === 'value' && typeof rn.args === 'bigint' ? compareWithInt(op, l, rn.args) : undefined;
      if (withInt) return withInt;
      const r = build(rn);
      return (s) => cmp(l(s), r(s));
    }
    case '+':
    case '-':
    case '*':
    case '/':
    case '%': {
      // Int arithmetic on `seq`/`now` and literals that stays within ±2^53 runs on numbers: one BigInt at
      // the end instead of one per operation.
      const [ln, rn] = a as [Node, Node];
      const prefixed = node.op === '+' ? prefixedString(ln, rn) : undefined;
      if (prefixed) return prefixed;
      const n = intNumber(node, build);
      if (n) return asInt(n);
      const op = node.op as ArithOp;
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
      const n = argNodes.length === 1 ? intNumber(argNodes[0]!, build) : undefined;
      if (n && name === 'string') return intString(n);
      if (n && name === 'int') return asInt(n);
      return callFunction(name, argNodes.map(build), runtimeTyping(undefined, argNodes), Unsupported);
    }
    case 'rcall': {
      const [name, recvNode, argNodes] = a as [string, Node, Node[]];
      const deep = runtimeTyping(recvNode, argNodes);
      if (recvNode.op === 'id' && recvNode.args === 'rand') {
        const call = randCall(name, argNodes, build, deep[1] ?? false);
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
      const plain = plainRootMap(root.args as [Node, Node][], build);
      if (plain) return plain;
    }
    return build(root);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}
