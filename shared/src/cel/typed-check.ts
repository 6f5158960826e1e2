import type { ASTNode } from '@marcbachmann/cel-js';
import type { CelContext } from './env.js';
import { binaryResult } from './overloads.js';
import { overloadProblem } from './quick-fixes.js';
import { DYN, joinShapes, membersOf, scalar, typeName, type CelShape } from './shape.js';

/** A rewrite the editor can offer as a button: `source` is the whole expression after the fix. */
export interface QuickFix {
  title: string;
  source: string;
}

/** A type problem at a 0-based offset; errors fail on every event at run time, warnings may not. */
export interface TypeProblem {
  message: string;
  severity: 'error' | 'warning';
  offset: number;
  fix?: QuickFix;
}

/** What is known about `data` where the expression runs; absent means nothing is (no upstream producer). */
export interface TypeScope {
  data?: CelShape;
}

const BINARY = new Set(['==', '!=', 'in', '+', '-', '*', '/', '%', '<', '<=', '>', '>=']);
const MACROS = new Set(['map', 'filter', 'all', 'exists', 'exists_one']);
const STRING_METHODS: Record<string, CelShape> = {
  startsWith: scalar('bool'),
  endsWith: scalar('bool'),
  contains: scalar('bool'),
  matches: scalar('bool'),
  matchesRe2: scalar('bool'),
};
const CONVERSIONS: Record<string, { to: CelShape; from: readonly string[] }> = {
  int: { to: scalar('int'), from: ['int', 'uint', 'double', 'string'] },
  double: { to: scalar('double'), from: ['int', 'uint', 'double', 'string'] },
  string: { to: scalar('string'), from: ['int', 'uint', 'double', 'string', 'bool', 'bytes'] },
  size: { to: scalar('int'), from: ['string', 'bytes', 'list', 'map'] },
};

/** True when every type the value may have is one of `kinds` (or unknown). */
const onlyOf = (s: CelShape, kinds: readonly string[]) =>
  membersOf(s).every((m) => m.kind === 'dyn' || kinds.includes(m.kind));

function literal(v: unknown): CelShape {
  if (v === null) return scalar('null');
  if (typeof v === 'bigint') return scalar('int');
  if (typeof v === 'number') return scalar('double');
  if (typeof v === 'string') return scalar('string');
  if (typeof v === 'boolean') return scalar('bool');
  if (v instanceof Uint8Array) return { kind: 'bytes' };
  return typeof v === 'object' ? scalar('uint') : DYN;
}

function rootVariables(context: CelContext, scope: TypeScope): Map<string, CelShape> {
  const data = scope.data ?? DYN;
  const vars = new Map<string, CelShape>([['rand', DYN]]);
  if (context === 'key' || context === 'payload') {
    vars.set('seq', scalar('int'));
    vars.set('now', scalar('int'));
  }
  if (context !== 'payload') vars.set('data', data);
  if (context === 'filter' || context === 'emit' || context === 'aggregate' || context === 'reducer') {
    vars.set('event', { kind: 'map', fields: { data }, open: true });
    vars.set('key', DYN);
  }
  if (context === 'reducer') vars.set('state', DYN);
  if (context === 'emit') vars.set('row', DYN);
  return vars;
}

/**
 * Types `ast` with `data` declared as `scope.data`, and reports what cannot work: an operator with no
 * overload for its operand types (an error, with a quick fix where one is clear), and a field no upstream
 * producer sets (a warning). Anything not known statically is `dyn` and never flagged, so a problem here
 * is one the run would hit on every event. Returns the expression's own shape too (payload inference).
 */
export function typeCheck(
  ast: ASTNode,
  source: string,
  context: CelContext,
  scope: TypeScope = {},
): { shape: CelShape; problems: TypeProblem[] } {
  const problems: TypeProblem[] = [];
  const text = (n: ASTNode) => source.slice(n.start, n.end);

  const field = (node: ASTNode, recv: CelShape, name: string, at: number, quiet: boolean): CelShape => {
    if (recv.kind === 'dyn') return DYN;
    if (recv.kind === 'union' && onlyOf(recv, ['map'])) {
      const found = recv.of.map((m) => (m.kind === 'map' ? m.fields[name] : undefined)).filter((x) => x);
      const [first, ...rest] = found as CelShape[];
      return first ? rest.reduce((x, y) => joinShapes(x, y), first) : DYN;
    }
    if (recv.kind === 'map') {
      if (Object.hasOwn(recv.fields, name)) return recv.fields[name] ?? DYN;
      if (!recv.open && !quiet) {
        const path = text(node);
        const fromData = /^(event\.)?data\b/.test(path);
        problems.push({
          message: fromData
            ? `no upstream producer sets ${path}`
            : `${text(node).slice(0, -name.length - 1)} has no field '${name}'`,
          severity: 'warning',
          offset: at,
        });
      }
      return DYN;
    }
    problems.push({
      message: `${text(node).slice(0, -name.length - 1)} is a ${typeName(recv)}: it has no field '${name}'`,
      severity: 'error',
      offset: at,
    });
    return DYN;
  };

  const binary = (op: string, l: ASTNode, r: ASTNode, vars: Map<string, CelShape>) => {
    const a = visit(l, vars);
    const b = visit(r, vars);
    const out = binaryResult(op, a, b);
    if (out) return out;
    problems.push(overloadProblem(source, op, l, r, a, b));
    return ['%', '+', '-', '*', '/'].includes(op) ? DYN : scalar('bool');
  };

  const needBool = (n: ASTNode, s: CelShape, what: string) => {
    if (!onlyOf(s, ['bool']))
      problems.push({
        message: `${what} needs a bool, ${text(n)} is a ${typeName(s)}`,
        severity: 'error',
        offset: n.start,
      });
  };

  const visit = (node: ASTNode, vars: Map<string, CelShape>, quiet = false): CelShape => {
    switch (node.op) {
      case 'value':
        return literal(node.args);
      case 'id':
        return vars.get(node.args) ?? DYN;
      case '.': {
        const [recv, name] = node.args;
        return field(
          node,
          visit(recv, vars),
          name,
          Math.max(recv.end, source.indexOf(name, recv.end)),
          quiet,
        );
      }
      case '[]': {
        const [recv, index] = node.args;
        const r = visit(recv, vars);
        const i = visit(index, vars);
        if (index.op === 'value' && typeof index.args === 'string' && r.kind === 'map')
          return field(node, r, index.args, index.start, true);
        if (r.kind === 'list') return r.of;
        if (!onlyOf(r, ['map', 'list']) && i.kind !== 'dyn')
          problems.push({
            message: `${text(recv)} is a ${typeName(r)}: it cannot be indexed`,
            severity: 'error',
            offset: index.start,
          });
        return DYN;
      }
      case 'list': {
        const items = node.args.map((n) => visit(n, vars));
        const [first, ...rest] = items;
        return { kind: 'list', of: first ? rest.reduce((x, y) => joinShapes(x, y), first) : DYN };
      }
      case 'map': {
        const fields: Record<string, CelShape> = {};
        let open = false;
        for (const [k, v] of node.args) {
          const value = visit(v, vars);
          if (k.op === 'value' && typeof k.args === 'string') fields[k.args] = value;
          else {
            visit(k, vars);
            open = true;
          }
        }
        return { kind: 'map', fields, open };
      }
      case '?:': {
        const [cond, yes, no] = node.args;
        needBool(cond, visit(cond, vars), 'a condition');
        return joinShapes(visit(yes, vars), visit(no, vars));
      }
      case '&&':
      case '||': {
        for (const n of node.args) needBool(n, visit(n, vars), node.op);
        return scalar('bool');
      }
      case '!_': {
        needBool(node.args, visit(node.args, vars), '!');
        return scalar('bool');
      }
      case '-_': {
        const s = visit(node.args, vars);
        if (onlyOf(s, ['int', 'double'])) return s;
        problems.push({
          message: `no such overload: -${typeName(s)}`,
          severity: 'error',
          offset: node.start,
        });
        return DYN;
      }
      case 'call':
        return call(node, node.args[0], node.args[1], vars);
      case 'rcall':
        return rcall(node.args[0], node.args[1], node.args[2], vars);
      case '.?':
      case '[?]':
        visit(node.args[0], vars);
        return DYN;
      default: {
        const op: string = node.op;
        const args = node.args as unknown;
        if (BINARY.has(op) && Array.isArray(args) && args.length === 2)
          return binary(op, args[0] as ASTNode, args[1] as ASTNode, vars);
        return DYN;
      }
    }
  };

  const call = (node: ASTNode, name: string, args: ASTNode[], vars: Map<string, CelShape>): CelShape => {
    // has(data.x) asks whether x is there: a field nobody sets is then no surprise.
    if (name === 'has') {
      for (const a of args) visit(a, vars, true);
      return scalar('bool');
    }
    const shapes = args.map((a) => visit(a, vars));
    const conv = CONVERSIONS[name];
    const arg = shapes[0];
    if (conv && args.length === 1 && arg) {
      if (!onlyOf(arg, conv.from))
        problems.push({
          message: `no such overload: ${name}(${typeName(arg)})`,
          severity: 'error',
          offset: node.start,
        });
      return conv.to;
    }
    if (name === 'bool') return scalar('bool');
    return DYN;
  };

  const rcall = (name: string, recv: ASTNode, args: ASTNode[], vars: Map<string, CelShape>): CelShape => {
    if (recv.op === 'id' && recv.args === 'rand' && !vars.has('rand:shadowed')) {
      const shapes = args.map((a) => visit(a, vars));
      if (name === 'int') return scalar('int');
      if (name === 'float') return scalar('double');
      if (name === 'uuid') return scalar('string');
      return name === 'pick' && shapes[0]?.kind === 'list' ? shapes[0].of : DYN;
    }
    const isBind = name === 'bind' && recv.op === 'id' && recv.args === 'cel';
    if (MACROS.has(name) || isBind) {
      const r = isBind ? DYN : visit(recv, vars);
      const [v, ...rest] = args;
      const inner = new Map(vars);
      if (v?.op === 'id') {
        const init = isBind && rest[0] ? visit(rest[0], vars) : r.kind === 'list' ? r.of : DYN;
        inner.set(v.args, init);
        if (v.args === 'rand') inner.set('rand:shadowed', DYN);
      }
      for (const a of isBind ? rest.slice(1) : rest) visit(a, inner);
      if (isBind) return DYN;
      return name === 'map' || name === 'filter' ? { kind: 'list', of: DYN } : scalar('bool');
    }
    const r = visit(recv, vars);
    for (const a of args) visit(a, vars);
    const method = STRING_METHODS[name];
    if (method) {
      if (!onlyOf(r, ['string']))
        problems.push({
          message: `no such overload: ${typeName(r)}.${name === 'matchesRe2' ? 'matches' : name}(…) (${text(recv)} is a ${typeName(r)})`,
          severity: 'error',
          offset: recv.start,
        });
      return method;
    }
    return name === 'size' ? scalar('int') : DYN;
  };

  const shape = visit(ast, rootVariables(context, scope));
  return { shape, problems };
}
