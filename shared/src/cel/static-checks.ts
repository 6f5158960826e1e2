import type { ASTNode } from '@marcbachmann/cel-js';
import { compileRe2, RE2_MATCHES } from './env.js';
import { CEL_LIMITS } from './limits.js';

/** A problem found in the source, at a 0-based character offset. */
export interface SourceError {
  message: string;
  offset: number;
}

/** Fields of a CloudEvent as the engine builds it (`FlowEvent`); `event.tyep` is caught at load. */
export const EVENT_FIELDS: ReadonlySet<string> = new Set([
  'specversion',
  'id',
  'source',
  'type',
  'time',
  'datacontenttype',
  'data',
  'traceparent',
  'partitionkey',
  'correlationid',
  'causationid',
]);

const COMPREHENSIONS = new Set(['map', 'filter', 'all', 'exists', 'exists_one']);
/** The library drops these map-literal keys silently; refusing them is better than losing data. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isNode(x: unknown): x is ASTNode {
  return typeof x === 'object' && x !== null && 'op' in x && 'args' in x;
}

/**
 * Rules the library does not enforce: macro nesting, string-literal size, reserved map keys, unknown
 * `event` fields, RE2-only `matches` (renamed in place to our RE2 function, its literal pattern checked).
 * Mutates the AST only for that rename. Returns the first problem, or undefined.
 */
export function checkAndRewrite(root: ASTNode, source: string): SourceError | undefined {
  const eventField = (recv: ASTNode, field: unknown, from: number): SourceError | undefined => {
    if (recv.op !== 'id' || recv.args !== 'event' || typeof field !== 'string' || EVENT_FIELDS.has(field))
      return;
    const at = source.indexOf(field, from);
    return { message: `event has no field '${field}'`, offset: at >= 0 ? at : recv.start };
  };

  const visit = (node: ASTNode, macros: number): SourceError | undefined => {
    switch (node.op) {
      case 'value':
        if (typeof node.args === 'string' && node.args.length > CEL_LIMITS.maxStringLiteral) {
          return {
            message: `string literal longer than ${CEL_LIMITS.maxStringLiteral} characters`,
            offset: node.start,
          };
        }
        return;
      case 'id':
        return;
      case '.':
      case '.?': {
        const [recv, field] = node.args;
        return eventField(recv, field, recv.end) ?? visit(recv, macros);
      }
      case '[]':
      case '[?]': {
        const [recv, index] = node.args;
        const bad = index.op === 'value' ? eventField(recv, index.args, recv.end) : undefined;
        return bad ?? visit(recv, macros) ?? visit(index, macros);
      }
      case 'map':
        for (const [k, v] of node.args) {
          if (k.op === 'value' && typeof k.args === 'string' && RESERVED_KEYS.has(k.args)) {
            return { message: `map key '${k.args}' is not allowed in an expression`, offset: k.start };
          }
          const bad = visit(k, macros) ?? visit(v, macros);
          if (bad) return bad;
        }
        return;
      case 'rcall': {
        const [name, recv, args] = node.args;
        const isMacro =
          COMPREHENSIONS.has(name) || (name === 'bind' && recv.op === 'id' && recv.args === 'cel');
        if (isMacro && macros + 1 > CEL_LIMITS.maxMacroNesting) {
          return {
            message: `macros (map, filter, all, exists, exists_one, cel.bind) may nest at most ${CEL_LIMITS.maxMacroNesting} deep`,
            offset: Math.max(0, source.indexOf(name, recv.end)),
          };
        }
        if (name === 'matches') {
          const pattern = args[0];
          if (pattern?.op === 'value' && typeof pattern.args === 'string') {
            try {
              compileRe2(pattern.args);
            } catch (e) {
              return {
                message: `invalid regular expression: ${e instanceof Error ? e.message : String(e)}`,
                offset: pattern.start,
              };
            }
          }
          // Renamed in place: the library's own `matches` uses a backtracking JS RegExp.
          (node.args as unknown as unknown[])[0] = RE2_MATCHES;
        }
        const inner = isMacro ? macros + 1 : macros;
        const bad = visit(recv, macros);
        if (bad) return bad;
        for (const a of args) {
          const b = visit(a, inner);
          if (b) return b;
        }
        return;
      }
      case 'call': {
        const [name, args] = node.args;
        if (name === 'matches') return { message: 'use text.matches(pattern)', offset: node.start };
        for (const a of args) {
          const b = visit(a, macros);
          if (b) return b;
        }
        return;
      }
      default: {
        const args: unknown = node.args;
        const children = Array.isArray(args) ? args : [args];
        for (const c of children) {
          if (!isNode(c)) continue;
          const b = visit(c, macros);
          if (b) return b;
        }
        return;
      }
    }
  };
  return visit(root, 0);
}

/** 1-based line and column of a 0-based offset. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}
