import { Environment } from '@marcbachmann/cel-js';
import { RE2JS } from 're2js';
import { CEL_LIMITS } from './limits.js';
import { CelEvalError } from './plain-json.js';
import { RandHandle } from './rand.js';

/** Where an expression runs; decides which variables it may use and what it must evaluate to. */
export type CelContext =
  'filter' | 'key' | 'payload' | 'emit' | 'breakpoint' | 'check' | 'aggregate' | 'reducer';

/** Variables each context declares; anything else is a compile error. */
export const CONTEXT_VARIABLES: Record<CelContext, readonly string[]> = {
  filter: ['event', 'data', 'key', 'rand'],
  // `row`: the projection row a query edge read while processing (decision 0029); null when it has none.
  emit: ['event', 'data', 'key', 'rand', 'row'],
  key: ['data', 'seq', 'now', 'rand'],
  payload: ['seq', 'now', 'rand'],
  // A debugger condition: no `rand`, so watching a run never draws from (and so never changes) its random stream.
  breakpoint: ['event', 'data', 'key', 'type', 'node', 'hop'],
  // A lesson's check: the run summary only (`docs/lessons.md`).
  check: ['summary'],
  // An event store's aggregate id (and expected version): over the event being written.
  aggregate: ['event', 'data', 'key'],
  // A projection's reducer: the row's state so far and the stored event; no `rand`, so a rebuild folds alike.
  reducer: ['state', 'event', 'data', 'key'],
};

const VARIABLE_TYPES: Record<string, string> = {
  event: 'map',
  data: 'dyn',
  key: 'dyn',
  seq: 'int',
  now: 'int',
  rand: 'Rand',
  type: 'string',
  node: 'string',
  hop: 'string',
  summary: 'map',
  state: 'dyn',
  row: 'dyn',
};

/**
 * `type` is a CEL builtin (the type of types), so it cannot be declared as a variable. In the `breakpoint`
 * context a bare `type` is the event's type: the compiler renames that identifier to this variable.
 */
export const EVENT_TYPE_VARIABLE = '_type';
const REGISTERED_AS: Record<string, string> = { type: EVENT_TYPE_VARIABLE };

/** The function `s.matches(p)` is renamed to at compile time, so it runs on RE2 (linear time). */
export const RE2_MATCHES = 'matchesRe2';

const patterns = new Map<string, RE2JS>();
/** Compiles (and caches) an RE2 pattern; throws the RE2 syntax error. */
export function compileRe2(pattern: string): RE2JS {
  let re = patterns.get(pattern);
  if (!re) {
    if (patterns.size >= 256) patterns.clear();
    re = RE2JS.compile(pattern);
    patterns.set(pattern, re);
  }
  return re;
}

function re2Matches(text: string, pattern: string): boolean {
  let re: RE2JS;
  try {
    re = compileRe2(pattern);
  } catch (e) {
    throw new CelEvalError(
      `invalid regular expression '${pattern}': ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return re.matcher(text).find();
}

function safeInt(n: number, what: string): bigint {
  if (!Number.isSafeInteger(n)) throw new CelEvalError(`${what} gave ${n}, not an integer`);
  return BigInt(n);
}

function buildBase(): Environment {
  const env = new Environment({
    homogeneousAggregateLiterals: false,
    limits: {
      maxAstNodes: CEL_LIMITS.maxAstNodes,
      maxDepth: CEL_LIMITS.maxDepth,
      maxListElements: CEL_LIMITS.maxLiteralElements,
      maxMapEntries: CEL_LIMITS.maxLiteralElements,
    },
  })
    .registerType('Rand', RandHandle)
    .registerFunction('Rand.int(int, int): int', (r: RandHandle, lo: bigint, hi: bigint) => {
      if (hi < lo) throw new CelEvalError(`rand.int(${lo}, ${hi}): the upper bound is below the lower bound`);
      return safeInt(r.source.int(Number(lo), Number(hi)), 'rand.int');
    })
    .registerFunction('Rand.float(): double', (r: RandHandle) => r.source.float())
    .registerFunction('Rand.pick(list): dyn', (r: RandHandle, xs: unknown[]) => {
      if (xs.length === 0) throw new CelEvalError('rand.pick([]): the list is empty');
      return r.source.pick(xs);
    })
    .registerFunction('Rand.uuid(): string', (r: RandHandle) => r.source.uuid())
    .registerFunction(`string.${RE2_MATCHES}(string): bool`, re2Matches);
  // JSON numbers arrive as CEL doubles; without these, `data.total * 2` would be a "no such overload" error.
  for (const op of ['+', '-', '*', '/'] as const) {
    const f = (a: number, b: number): number =>
      op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b;
    env.registerOperator(`double ${op} int: double`, (a: number, b: bigint) => f(a, Number(b)));
    env.registerOperator(`int ${op} double: double`, (a: bigint, b: number) => f(Number(a), b));
  }
  return env;
}

let base: Environment | undefined;
const byContext = new Map<CelContext, Environment>();

/** One environment per context, built once; building is the expensive part of the library. */
export function environmentFor(context: CelContext): Environment {
  let env = byContext.get(context);
  if (!env) {
    base ??= buildBase();
    env = base.clone();
    for (const name of CONTEXT_VARIABLES[context])
      env.registerVariable(REGISTERED_AS[name] ?? name, VARIABLE_TYPES[name] ?? 'dyn');
    byContext.set(context, env);
  }
  return env;
}
