import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CelContext } from '../env.js';
import { CEL_LIMITS } from '../limits.js';
import type { CelVars } from '../index.js';
import { compiledOutcome } from './compare-paths.js';

// The fast path's number-backed ints (`int-number.ts`) and its plain root maps (`maps.ts`), against the
// library alone, through `compileCel` as the engine calls it: same value (ints, doubles and -0 told apart),
// same error message, same random stream afterwards.

const BOUNDARY = [
  0,
  -0,
  1,
  -1,
  7,
  -7,
  499,
  500,
  2 ** 31,
  2 ** 32,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  2 ** 53,
  -(2 ** 53),
  2 ** 53 + 2,
  2 ** 63,
  -(2 ** 63),
  2 ** 64,
  1e300,
  0.5,
  -0.5,
  2.5,
];
const seqArb = fc.oneof(fc.integer({ min: -1000, max: 1_000_000 }), fc.constantFrom(...BOUNDARY));

const INT_LITERALS = [
  '0',
  '1',
  '2',
  '7',
  '10',
  '64',
  '500',
  '-3',
  '3037000500',
  '4294967296',
  '9007199254740991',
  '9007199254740992',
  '4611686018427387904',
  '9223372036854775807',
  '-9223372036854775808',
];
const intExpr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('seq', 'now', 'int(data.a)', 'int(data.d)', 'int(data.s)'),
    fc.constantFrom(...INT_LITERALS),
    fc.integer({ min: -1000, max: 1000 }).map(String),
    fc
      .tuple(tie('e'), fc.constantFrom('+', '-', '*', '%', '/'), tie('e'))
      .map(([l, op, r]) => `(${l}) ${op} (${r})`),
  ),
})).e;

function agree(source: string, context: CelContext, vars: CelVars, seed: number): boolean {
  const lib = compiledOutcome(source, context, false, vars, seed);
  const fast = compiledOutcome(source, context, true, vars, seed);
  expect({ source, context, fast }).toEqual({ source, context, fast: lib });
  return lib !== undefined;
}

describe('number-backed ints in the fast path', () => {
  it('give what BigInt ints give for seq/now arithmetic, boundaries and overflow included', () => {
    let compiled = 0;
    fc.assert(
      fc.property(
        intExpr,
        fc.constantFrom('key', 'payload'),
        fc.constantFrom(
          '%s',
          'string(%s)',
          '{"n": %s, "s": string(%s), "r": rand.int(1, 9)}',
          '"acct-" + string(%s)',
        ),
        seqArb,
        seqArb,
        fc.record({
          a: fc.oneof(seqArb, fc.constantFrom(Infinity, -Infinity, NaN)),
          d: fc.double(),
          s: fc.constantFrom('12', '-0', ' 1', '9223372036854775807', '9007199254740993', 'x', '0x10'),
        }),
        fc.integer(),
        (e, context: CelContext, shape, seq, now, data, seed) => {
          const source = shape.replaceAll('%s', e);
          // `data` is not a payload variable: there `int(data.a)` does not compile, on either path.
          if (agree(source, context, { seq, now, data }, seed)) compiled++;
        },
      ),
      { numRuns: 3000 },
    );
    expect(compiled).toBeGreaterThan(1000);
  });

  it('the bench payloads on every boundary seq', () => {
    for (const seq of BOUNDARY)
      for (const source of [
        '{"account": "acct-" + string(seq % 64), "amount": rand.int(1, 1000)}',
        '{"account": "acct-" + string(seq % 500), "amount": rand.int(1, 1000), "region": rand.pick(["eu", "us", "apac"]), "items": rand.int(1, 5)}',
        '{"n": seq % 7, "m": -seq % 7, "k": seq * 0}',
      ])
        expect(agree(source, 'payload', { seq, now: 0 }, 3)).toBe(true);
  });
});

const scalarExpr = fc.constantFrom(
  'data.s',
  'data.n',
  'data.b',
  'data.z',
  'data.l',
  'data.o',
  'data.big',
  'data.n * 1e300 * 1e300',
  'data.missing',
  '1',
  '2.5',
  '"x"',
  'null',
  'true',
  '[1]',
  '{"k": 1}',
  '9007199254740993',
  'rand.int(1, 6)',
  'rand.float()',
  'int(data.n) * 10',
);
const dataArb = fc.record({
  s: fc.oneof(fc.string({ maxLength: 4 }), fc.constant('y'.repeat(CEL_LIMITS.maxResultChars / 2))),
  n: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(0.5, -0, 1e300, 2 ** 53)),
  b: fc.boolean(),
  z: fc.constant(null),
  l: fc.array(fc.integer(), { maxLength: 2 }),
  o: fc.constant({ a: 1 }),
  big: fc.constant('z'.repeat(CEL_LIMITS.maxResultChars - 3)),
});

describe('plain root maps skip toPlainJson only when it would change nothing', () => {
  it('agree with the library on random flat payloads, limits and non-JSON values included', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('a', 'bb', 'account', 'amount', 'items'), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.array(scalarExpr, { minLength: 6, maxLength: 6 }),
        dataArb,
        fc.integer(),
        (keys, values, data, seed) => {
          const source = `{${keys.map((k, i) => `"${k}": ${values[i]}`).join(', ')}}`;
          agree(source, 'emit', { data, event: { data }, key: 'k' }, seed);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
