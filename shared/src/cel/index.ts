import type { ParseResult as CelParsed } from '@marcbachmann/cel-js';
import {
  CONTEXT_VARIABLES,
  environmentFor,
  EVENT_TYPE_VARIABLE,
  RE2_MATCHES,
  type CelContext,
} from './env.js';
import { renameIdentifier } from './rename.js';
import { CEL_LIMITS } from './limits.js';
import { CelEvalError, toPlainJson } from './plain-json.js';
import { MISSING_RAND, RandHandle, type CelRand } from './rand.js';
import { checkAndRewrite, lineColumn } from './static-checks.js';
import { celFastPathEnabled, referencedVariables, withFastPath } from './fast/index.js';

export type { CelContext } from './env.js';
export { CONTEXT_VARIABLES } from './env.js';
export { CEL_LIMITS } from './limits.js';
export { CelEvalError, toPlainJson } from './plain-json.js';
export { createSeededRand, type CelRand } from './rand.js';
export { EVENT_FIELDS } from './static-checks.js';
export { setCelFastPath } from './fast/index.js';
export { shapeOfJson, type CelShape } from './shape.js';
export type { QuickFix } from './typed-check.js';
export {
  validateExpression,
  previewExpression,
  type ExpressionProblem,
  type PreviewResult,
} from './preview.js';

/**
 * Inputs of one evaluation. Pass only what the context declares (see `CONTEXT_VARIABLES`); others are
 * ignored. `event`/`data` are plain JSON objects; `seq` and `now` (simulated ms) are integers.
 */
export interface CelVars {
  event?: unknown;
  data?: unknown;
  key?: string | null;
  seq?: number;
  now?: number;
  rand?: CelRand;
  /** `breakpoint` context: the event's type, the hop's node id and the hop's type. */
  type?: string;
  node?: string;
  hop?: string;
  /** `check` context: the run summary, integers as CEL ints (see `summaryVars`). */
  summary?: unknown;
  /** `reducer` context: the projection row's state before this event (plain JSON). */
  state?: unknown;
  /** `emit` context: the projection row a query edge read (its state, plain JSON), or null. */
  row?: unknown;
}

/**
 * An expression compiled once (at flow load). `evaluate` throws `CelEvalError` with a readable message
 * when evaluation fails. Its result depends on the context:
 * - `filter`: a boolean (any other result is an error);
 * - `key`: a string or null (ints, doubles and bools are turned into their string form);
 * - `payload` / `emit`: a plain JSON value (`toPlainJson`).
 */
export interface CompiledExpr {
  readonly source: string;
  readonly context: CelContext;
  evaluate(vars: CelVars): unknown;
}

/** `column` (and `line`) are 1-based, present when the problem has a place in the source. */
export type CompileResult =
  { ok: true; expr: CompiledExpr } | { ok: false; message: string; column?: number; line?: number };

interface LibError {
  message: string;
  range?: { start: number };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).split(RE2_MATCHES).join('matches').trim();
}

function describe(message: string, context: CelContext): string {
  const unknown = /^Unknown variable: (\S+)/.exec(message);
  if (unknown)
    return `unknown variable '${unknown[1]}' (here you can use ${CONTEXT_VARIABLES[context].join(', ')})`;
  const text = firstLine(message);
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function failure(source: string, message: string, offset: number | undefined): CompileResult {
  if (offset === undefined) return { ok: false, message };
  return { ok: false, message, ...lineColumn(source, offset) };
}

const RESULT_TYPES: Record<CelContext, readonly string[] | undefined> = {
  filter: ['bool', 'dyn'],
  key: ['string', 'int', 'uint', 'double', 'bool', 'null', 'dyn'],
  payload: undefined,
  emit: undefined,
  breakpoint: ['bool', 'dyn'],
  check: ['bool', 'dyn'],
  aggregate: ['string', 'int', 'uint', 'double', 'dyn'],
  reducer: undefined,
};

/** `fast: false` keeps the expression on the library path (default: `setCelFastPath`, on). */
export interface CompileOptions {
  fast?: boolean;
}

/** Compiles `source` for `context`: syntax, declared variables, types, limits (`CEL_LIMITS`), RE2 patterns. */
export function compileCel(source: string, context: CelContext, options: CompileOptions = {}): CompileResult {
  if (source.length > CEL_LIMITS.maxSourceLength) {
    return { ok: false, message: `expression is longer than ${CEL_LIMITS.maxSourceLength} characters` };
  }
  if (source.trim() === '') return { ok: false, message: 'expression is empty' };
  const env = environmentFor(context);
  let parsed: CelParsed;
  try {
    parsed = env.parse(source);
  } catch (e) {
    const err = e as LibError;
    return failure(source, describe(String(err.message), context), err.range?.start);
  }
  if (context === 'breakpoint') renameIdentifier(parsed.ast, 'type', EVENT_TYPE_VARIABLE);
  const own = checkAndRewrite(parsed.ast, source);
  if (own) return failure(source, own.message, own.offset);
  const checked = parsed.check();
  if (!checked.valid) {
    const err = checked.error as LibError | undefined;
    return failure(source, describe(String(err?.message), context), err?.range?.start);
  }
  const allowed = RESULT_TYPES[context];
  const type = checked.type ?? 'dyn';
  if (allowed && !allowed.some((t) => type === t || type.startsWith(`${t}<`))) {
    const what =
      context === 'filter'
        ? 'a filter must give a bool'
        : context === 'breakpoint'
          ? 'a condition must give a bool'
          : context === 'check'
            ? 'a check must give a bool'
            : context === 'aggregate'
              ? 'an aggregate id must give a string'
              : 'a key must give a string';
    return failure(source, `${what}, this gives ${type}`, 0);
  }
  return { ok: true, expr: createCompiled(parsed, source, context, options.fast ?? celFastPathEnabled()) };
}

function keyString(v: unknown): string | null {
  if (v === null) return null;
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') s = String(v);
  else throw new CelEvalError(`a key must be a string, not ${Array.isArray(v) ? 'a list' : typeof v}`);
  if (s.length > CEL_LIMITS.maxKeyLength)
    throw new CelEvalError(`key is longer than ${CEL_LIMITS.maxKeyLength} characters`);
  return s;
}

function evalError(e: unknown): CelEvalError {
  if (e instanceof CelEvalError) return e;
  if (e instanceof RangeError) return new CelEvalError(`expression result too large: ${e.message}`);
  const text = firstLine(e instanceof Error ? e.message : String(e));
  return new CelEvalError(text.charAt(0).toLowerCase() + text.slice(1));
}

function createCompiled(parsed: CelParsed, source: string, context: CelContext, fast: boolean): CompiledExpr {
  // One activation object per expression, refilled on each call: no allocation on the hot path.
  const ctx: Record<string, unknown> = {};
  for (const name of CONTEXT_VARIABLES[context]) ctx[name] = null;
  // The closure compiler (./fast) when the expression is in its subset; it defers to `parsed` otherwise.
  const plainRoot = context === 'payload' || context === 'emit';
  // seq/now are filled only when the expression reads them (comprehension variables named seq/now only
  // make this conservative). With the fast path, a safe one stays a number until something reads it as a
  // CEL int: `string(seq % 64)` then makes no BigInt at all.
  const used = referencedVariables(parsed.ast);
  const wantsSeq = (context === 'key' || context === 'payload') && used.has('seq');
  const wantsNow = (context === 'key' || context === 'payload') && used.has('now');
  const runner = fast ? withFastPath(parsed.ast, ctx, parsed, plainRoot, ['seq', 'now']) : undefined;
  const run = runner ? runner.run : parsed;
  const intOf = runner
    ? (n: number): number | bigint => (Number.isSafeInteger(n) ? n : BigInt(n))
    : (n: number): bigint => BigInt(n);
  let lastRand: CelRand | undefined;
  let randHandle = MISSING_RAND;
  const wantsEvent =
    context === 'filter' ||
    context === 'emit' ||
    context === 'breakpoint' ||
    context === 'aggregate' ||
    context === 'reducer';
  const wantsHop = context === 'breakpoint';

  const fill = (vars: CelVars): void => {
    if (wantsEvent) {
      ctx.event = vars.event ?? null;
      ctx.key = vars.key ?? null;
    }
    if (context === 'check') {
      ctx.summary = vars.summary ?? null;
      return;
    }
    if (context !== 'payload') ctx.data = vars.data ?? null;
    if (context === 'reducer') ctx.state = vars.state ?? null;
    if (context === 'emit') ctx.row = vars.row ?? null;
    if (wantsHop) {
      ctx[EVENT_TYPE_VARIABLE] = vars.type ?? '';
      ctx.node = vars.node ?? '';
      ctx.hop = vars.hop ?? '';
    }
    if (wantsSeq) ctx.seq = intOf(Math.trunc(vars.seq ?? 0));
    if (wantsNow) ctx.now = intOf(Math.trunc(vars.now ?? 0));
    if (vars.rand !== lastRand) {
      lastRand = vars.rand;
      randHandle = vars.rand ? new RandHandle(vars.rand) : MISSING_RAND;
    }
    ctx.rand = randHandle;
  };

  const raw = (vars: CelVars): unknown => {
    fill(vars);
    try {
      return run(ctx) as unknown;
    } catch (e) {
      throw evalError(e);
    }
  };

  const evaluate: (vars: CelVars) => unknown =
    context === 'filter' || context === 'breakpoint' || context === 'check'
      ? (vars) => {
          const r = raw(vars);
          if (typeof r !== 'boolean')
            throw new CelEvalError(
              `${context === 'filter' ? 'filter' : context === 'check' ? 'check' : 'condition'} gave ${typeof r === 'bigint' ? 'an int' : typeof r}, not a bool`,
            );
          return r;
        }
      : context === 'key' || context === 'aggregate'
        ? (vars) => keyString(raw(vars))
        : (vars) => {
            const r = raw(vars);
            if (runner?.plain()) return r;
            try {
              return toPlainJson(r);
            } catch (e) {
              throw evalError(e);
            }
          };
  return { source, context, evaluate };
}
