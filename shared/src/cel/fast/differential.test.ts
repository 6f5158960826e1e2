import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CelContext } from '../env.js';
import { compileCel, createSeededRand, toPlainJson, type CelVars } from '../index.js';
import {
  fastOutcome,
  libraryOutcome,
  loggingRand,
  parseChecked,
  sameValue,
  type PathVars,
} from './compare-paths.js';

// Field names that hit the traps: prototype members, a numeric key, and the usual payload names.
const FIELDS = [
  'a',
  'b',
  'amount',
  'account',
  'items',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__proto__',
  '0',
];
const CEL_FIELDS = FIELDS.filter((f) => f !== '__proto__' && f !== '0'); // not CEL identifiers

/** Sets own data properties, as JSON.parse does, so "__proto__" stays a key. */
function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries)
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

const scalar = fc.oneof(
  fc.integer({ min: -5, max: 300 }),
  fc.constantFrom(0, -0, 0.5, 2.5, 250, 1e300, -1e300, 2 ** 53, 2 ** 63, Number.MAX_SAFE_INTEGER),
  fc.constantFrom('', 'a', 'acct-7', 'b', 'ab', '__proto__', 'constructor', '1', 'x y'),
  fc.boolean(),
  fc.constant(null),
);
const json: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.array(fc.tuple(fc.constantFrom(...FIELDS), tie('v')), { maxLength: 4 }).map(objectOf),
  ),
})).v;

const intLit = fc.oneof(
  fc.integer({ min: -3, max: 1000 }).map(String),
  fc.constantFrom(
    '0',
    '64',
    '9223372036854775807',
    '-9223372036854775808',
    '4611686018427387904',
    '3037000500',
  ),
);
const doubleLit = fc.constantFrom('0.0', '1.5', '250.0', '-2.5', '1e300', '0.1');
const stringLit = fc.constantFrom(
  '""',
  '"a"',
  '"acct-"',
  '"acct-7"',
  '"__proto__"',
  '"constructor"',
  '"1"',
  '"b"',
);
const literal = fc.oneof(intLit, doubleLit, stringLit, fc.constantFrom('true', 'false', 'null'));

function expressions(vars: string[]): fc.Arbitrary<string> {
  return fc.letrec<{ e: string }>((tie) => {
    const e = tie('e');
    const path = fc
      .tuple(
        fc.constantFrom(...vars.filter((v) => v !== 'rand')),
        fc.array(fc.constantFrom(...CEL_FIELDS), { minLength: 1, maxLength: 2 }),
      )
      .map(([v, fs]) => `${v}.${fs.join('.')}`);
    return {
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        literal,
        fc.constantFrom(...vars.filter((v) => v !== 'rand')),
        path,
        fc.tuple(e, fc.constantFrom(...CEL_FIELDS)).map(([x, f]) => `(${x}).${f}`),
        fc.tuple(e, e).map(([x, i]) => `(${x})[${i}]`),
        fc.tuple(fc.constantFrom('!', '-'), e).map(([op, x]) => `${op}(${x})`),
        fc
          .tuple(
            e,
            fc.constantFrom('==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '&&', '||', 'in'),
            e,
          )
          .map(([l, op, r]) => `(${l}) ${op} (${r})`),
        fc.tuple(e, e, e).map(([c, t, f]) => `(${c}) ? (${t}) : (${f})`),
        fc.tuple(fc.constantFrom('size', 'string', 'int', 'double'), e).map(([f, x]) => `${f}(${x})`),
        path.map((p) => `has(${p})`),
        fc
          .tuple(e, fc.constantFrom('startsWith', 'endsWith', 'contains'), e)
          .map(([r, m, x]) => `(${r}).${m}(${x})`),
        e.map((x) => `(${x}).size()`),
        fc.array(e, { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
        fc
          .array(fc.tuple(fc.oneof(stringLit, e), e), { maxLength: 3 })
          .map((es) => `{${es.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
        ...(vars.includes('rand')
          ? [
              fc.tuple(e, e).map(([lo, hi]) => `rand.int(${lo}, ${hi})`),
              fc.constantFrom(
                'rand.int(1, 6)',
                'rand.float()',
                'rand.uuid()',
                'rand.pick(["a", "b", 3])',
                'rand.pick(data.items)',
              ),
              e.map((x) => `rand.pick(${x})`),
            ]
          : []),
      ),
    };
  }).e;
}

const show = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x)) ?? 'undefined';

const CONTEXTS: [CelContext, string[]][] = [
  ['emit', ['event', 'data', 'key', 'rand']],
  ['key', ['data', 'seq', 'now', 'rand']],
];

const varsArb: fc.Arbitrary<PathVars> = fc.record({
  data: json,
  event: fc.oneof(
    json,
    json.map((d) => ({ type: 'Payment', id: 'e1', data: d })),
  ),
  key: fc.oneof(fc.constant(null), fc.constantFrom('k', 'acct-7', '')),
  seq: fc.bigInt({ min: 0n, max: 1000n }),
  now: fc.constantFrom(0n, 1700000000000n),
});

describe('fast path ⇔ library path (differential)', () => {
  for (const [context, names] of CONTEXTS) {
    it(`agrees on value or error for random ${context} expressions and data`, () => {
      let compared = 0;
      let values = 0;
      fc.assert(
        fc.property(expressions(names), varsArb, fc.integer(), (source, vars, seed) => {
          const parsed = parseChecked(source, context);
          if (!parsed) return;
          const fastDraws: string[] = [];
          const libDraws: string[] = [];
          const fast = fastOutcome(parsed, vars, loggingRand(seed, fastDraws));
          if (!fast) return;
          const lib = libraryOutcome(parsed, vars, loggingRand(seed, libDraws));
          if (fast.kind === 'bail') {
            // Handed back: what it drew so far must be what the library draws first.
            expect(libDraws.slice(0, fastDraws.length)).toEqual(fastDraws);
            return;
          }
          compared++;
          expect({ source, kind: fast.kind }).toEqual({ source, kind: lib.kind });
          if (fast.kind === 'value' && lib.kind === 'value') {
            values++;
            expect(
              sameValue(fast.value, lib.value),
              `${source} → ${show(fast.value)} vs ${show(lib.value)}`,
            ).toBe(true);
          }
          expect(fastDraws).toEqual(libDraws);
        }),
        { numRuns: 4000 },
      );
      // The generator must exercise the fast path, not just produce compile errors and bails.
      expect(compared).toBeGreaterThan(400);
      expect(values).toBeGreaterThan(100);
    });
  }
});

describe('compileCel with and without the fast path', () => {
  it('gives the same results, the same error messages and leaves the random stream in the same state', () => {
    const contexts: CelContext[] = ['filter', 'key', 'payload', 'emit'];
    fc.assert(
      fc.property(
        fc.constantFrom(...contexts),
        expressions(['data', 'rand']),
        varsArb,
        fc.integer(),
        (context, source, vars, seed) => {
          const src = context === 'payload' ? source.replaceAll('data', 'seq') : source;
          const onLib = compileCel(src, context, { fast: false });
          const onFast = compileCel(src, context, { fast: true });
          expect(onFast.ok).toBe(onLib.ok);
          if (!onLib.ok || !onFast.ok) return;
          const run = (expr: typeof onLib.expr): { out: unknown; next: number } => {
            const rand = createSeededRand(seed);
            const celVars: CelVars = {
              data: vars.data,
              event: vars.event,
              key: 'k',
              seq: Number(vars.seq),
              now: 0,
              rand,
            };
            let out: unknown;
            try {
              out = { value: toPlainJson(expr.evaluate(celVars)) };
            } catch (e) {
              out = { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
            }
            return { out, next: rand.float() };
          };
          expect(run(onFast.expr)).toEqual(run(onLib.expr));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
