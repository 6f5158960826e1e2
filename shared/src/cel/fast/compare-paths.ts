import type { ParseResult } from '@marcbachmann/cel-js';
import { environmentFor, type CelContext } from '../env.js';
import { CelEvalError } from '../plain-json.js';
import { compileCel, createSeededRand, type CelVars } from '../index.js';
import { RandHandle, type CelRand } from '../rand.js';
import { checkAndRewrite } from '../static-checks.js';
import { compileFast } from './compile.js';
import { RandLog } from './rand-log.js';
import { FastBail } from './values.js';

/** How one path ended: a value, an error, or (fast path only) a hand-back to the library. */
export type Outcome =
  { kind: 'value'; value: unknown } | { kind: 'error'; message: string } | { kind: 'bail'; message: string };

/** Inputs for one evaluation on both paths; `seq`/`now` are CEL ints as the activation holds them. */
export interface PathVars {
  event?: unknown;
  data?: unknown;
  key?: unknown;
  seq?: bigint;
  now?: bigint;
}

/** A CelRand that logs every draw, for comparing the random streams the two paths consume. */
export function loggingRand(seed: number, log: string[]): CelRand {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s / 4294967296;
  };
  return {
    int: (lo, hi) => {
      const v = lo + Math.floor(next() * (hi - lo + 1));
      log.push(`int ${v}`);
      return v;
    },
    float: () => {
      const v = next();
      log.push(`float ${v}`);
      return v;
    },
    pick: (xs) => {
      const i = Math.floor(next() * xs.length);
      log.push(`pick ${i}`);
      return xs[i];
    },
    uuid: () => {
      const v = `u-${Math.floor(next() * 1e9)}`;
      log.push(`uuid ${v}`);
      return v;
    },
  };
}

/** Parses and type-checks `source` exactly as `compileCel` does; undefined when it does not compile. */
export function parseChecked(source: string, context: CelContext): ParseResult | undefined {
  let parsed: ParseResult;
  try {
    parsed = environmentFor(context).parse(source);
  } catch {
    return undefined;
  }
  if (checkAndRewrite(parsed.ast, source)) return undefined;
  return parsed.check().valid ? parsed : undefined;
}

function activation(vars: PathVars, rand: CelRand): Record<string, unknown> {
  return {
    event: vars.event ?? null,
    data: vars.data ?? null,
    key: vars.key ?? null,
    seq: vars.seq ?? 0n,
    now: vars.now ?? 0n,
    rand: new RandHandle(rand),
  };
}

/** The library alone on `parsed`. */
export function libraryOutcome(parsed: ParseResult, vars: PathVars, rand: CelRand): Outcome {
  try {
    return { kind: 'value', value: parsed(activation(vars, rand)) as unknown };
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}

/** The fast path alone (no fallback), or undefined when the expression is outside its subset. */
export function fastOutcome(parsed: ParseResult, vars: PathVars, rand: CelRand): Outcome | undefined {
  const fast = compileFast(parsed.ast);
  if (!fast) return undefined;
  try {
    return { kind: 'value', value: fast({ ctx: activation(vars, rand), log: new RandLog(), plain: false }) };
  } catch (e) {
    if (e instanceof FastBail) return { kind: 'bail', message: e.message };
    if (!(e instanceof CelEvalError)) throw e; // a JS error here is a bug in the fast path
    return { kind: 'error', message: e.message };
  }
}

/** Structural equality that tells ints (BigInt) from doubles and compares leaves with Object.is. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A JSON-ish rendering that keeps what toEqual could blur: BigInt vs number, -0, non-finite numbers. */
export const showExact = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'bigint'
      ? `${x}n`
      : Object.is(x, -0)
        ? '-0'
        : typeof x === 'number' && !Number.isFinite(x)
          ? String(x)
          : x,
  ) ?? 'undefined';

/**
 * `compileCel(source, context, { fast })` evaluated once, as the engine calls it: the value (exactly) or
 * the error, then the random stream's next draw; undefined when it does not compile.
 */
export function compiledOutcome(
  source: string,
  context: CelContext,
  fast: boolean,
  vars: CelVars,
  seed: number,
): string | undefined {
  const compiled = compileCel(source, context, { fast });
  if (!compiled.ok) return undefined;
  const rand = createSeededRand(seed);
  let out: string;
  try {
    out = `value ${showExact(compiled.expr.evaluate({ ...vars, rand }))}`;
  } catch (e) {
    out = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  return `${out} / next draw ${rand.float()}`;
}
