import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CelContext } from '../env.js';
import { CEL_LIMITS } from '../limits.js';
import type { CelVars } from '../index.js';
import { compiledOutcome } from './compare-paths.js';

// The shapes the bench flows are made of, each with its own closure in the fast path: `data.x` leaves
// (`dataField`), comparisons with a literal (`literal-compare.ts`), root maps filled from a template
// (`plain-filler.ts`), `rand.int` with literal bounds and `rand.pick` of a literal list (`nodes.ts`).
// Each is compared with the library alone through `compileCel`, as the engine calls it: same value
// (ints, doubles and -0 told apart), same error message, same random stream afterwards.

function agree(source: string, context: CelContext, vars: CelVars, seed: number): boolean {
  const lib = compiledOutcome(source, context, false, vars, seed);
  const fast = compiledOutcome(source, context, true, vars, seed);
  expect({ source, context, fast }).toEqual({ source, context, fast: lib });
  return lib !== undefined;
}

class Money {
  constructor(readonly cents: number) {}
}
const nullProto = (): Record<string, unknown> => {
  const o = Object.create(null) as Record<string, unknown>;
  o.amount = 3;
  return o;
};
const withOwn = (k: string, v: unknown): Record<string, unknown> => {
  const o: Record<string, unknown> = { amount: 1 };
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
};

// Field values and whole `data` values that reach every branch: numbers on both sides of the literals,
// ints as BigInts (safe and not), strings, non-finite doubles, aggregates, class instances, Maps.
const fieldValue = fc.oneof(
  fc.integer({ min: -3, max: 1002 }),
  fc.constantFrom(0, -0, 250, 250.5, 249.999, 1e300, Infinity, -Infinity, NaN, 2 ** 53, 2 ** 63),
  fc.constantFrom(0n, 250n, 251n, -1n, 2n ** 53n, 2n ** 63n - 1n),
  fc.constantFrom('', 'eu', 'us', 'apac', 'acct-7', '250', 'true'),
  fc.constantFrom('w'.repeat(CEL_LIMITS.maxResultChars - 20), 'v'.repeat(CEL_LIMITS.maxResultChars)),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom([], [1], ['eu'], { a: 1 }, {}),
  fc.constantFrom<unknown>(new Money(5), new Map([['a', 1]]), new Date(0), nullProto()),
);
const FIELDS = ['amount', 'region', 'items', 'account', 'constructor', 'toString', 'missing'];
const dataArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), fieldValue, { maxKeys: 5 }) },
  fc.record({ amount: fieldValue, region: fieldValue, items: fieldValue, account: fieldValue }),
  fc.constantFrom<unknown>(null, 'text', 7, 7n, [1, 2], new Money(1), nullProto(), new Map()),
  fc.constantFrom(...FIELDS).map((k) => withOwn(k, null)),
);

const operand = fc.constantFrom(
  'data.amount',
  'data.region',
  'data.items',
  'data.missing',
  'data.constructor',
  'data.toString',
  'data.amount.x',
  'data["amount"]',
  'event.data.amount',
  'key',
  'int(data.items)',
);
const literal = fc.constantFrom(
  '250',
  '0',
  '-1',
  '9007199254740993',
  '9223372036854775807',
  '250.0',
  '250.5',
  '"apac"',
  '""',
  '"250"',
  'true',
  'false',
  'null',
);
const compareOp = fc.constantFrom('<', '<=', '>', '>=', '==', '!=');
const comparison = fc
  .tuple(operand, compareOp, literal, fc.boolean())
  .map(([x, op, lit, flip]) => (flip ? `${lit} ${op} ${x}` : `${x} ${op} ${lit}`));

describe('comparisons with a literal and data fields', () => {
  it('agree with the library as filters, alone and joined by && and ||', () => {
    let compiled = 0;
    fc.assert(
      fc.property(
        comparison,
        fc.option(fc.tuple(fc.constantFrom('&&', '||'), comparison)),
        dataArb,
        fc.integer(),
        (first, more, data, seed) => {
          const source = more ? `${first} ${more[0]} ${more[1]}` : first;
          const event = { type: 'OrderPlaced', data };
          if (agree(source, 'filter', { data, event, key: 'acct-7' }, seed)) compiled++;
        },
      ),
      { numRuns: 4000 },
    );
    expect(compiled).toBeGreaterThan(1500);
  });

  it('agree with the library as keys (`data.x`)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), dataArb, fc.integer(), (field, data, seed) => {
        expect(agree(`data.${field}`, 'key', { data }, seed)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('the bench filters on the bench payloads', () => {
    for (const amount of [1, 250, 251, 1000, 250.5, 2n ** 63n - 1n, '300', null])
      for (const region of ['eu', 'us', 'apac', 3, null, ['apac']]) {
        const data = { account: 'acct-1', amount, region, items: 3 };
        for (const source of ['data.amount > 250', 'data.amount > 250 && data.region != "apac"'])
          expect(agree(source, 'filter', { data, event: { data }, key: 'acct-1' }, 1)).toBe(true);
      }
  });
});

const mapValue = fc.constantFrom(
  'data.amount',
  'data.region',
  'data.account',
  'data.items',
  'data.missing',
  'data.constructor',
  'int(data.items) * 10',
  'data.amount > 250',
  'data.region == "eu"',
  'rand.int(1, 1000)',
  'rand.int(1, 5)',
  'rand.int(5, 5)',
  'rand.int(-3, 3)',
  'rand.int(5, 1)',
  'rand.int(-9223372036854775808, 9223372036854775807)',
  'rand.int(0, 9007199254740993)',
  'rand.pick(["eu", "us", "apac"])',
  'rand.pick([1, 2, 3])',
  'rand.pick([])',
  'rand.pick([null])',
  'rand.pick([1.5, 2.5])',
  'rand.pick([true, false])',
  'rand.pick(["x", data.region])',
  '"acct-" + string(rand.int(0, 9))',
);

describe('root maps of data fields and rand calls', () => {
  it('agree with the library on random emits, limits and non-JSON values included', () => {
    let compiled = 0;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('account', 'amount', 'items', 'points', 'region', 'a'), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.array(mapValue, { minLength: 5, maxLength: 5 }),
        dataArb,
        fc.integer(),
        (keys, values, data, seed) => {
          const source = `{${keys.map((k, i) => `"${k}": ${values[i]}`).join(', ')}}`;
          if (agree(source, 'emit', { data, event: { data }, key: 'k' }, seed)) compiled++;
        },
      ),
      { numRuns: 3000 },
    );
    expect(compiled).toBeGreaterThan(1000);
  });

  it('agree with the library on payloads of rand calls, and inside other expressions', () => {
    const randValue = mapValue.filter((v) => !v.includes('data'));
    fc.assert(
      fc.property(
        fc.array(randValue, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('map', 'list', 'bare', 'nested'),
        fc.integer(),
        (values, shape, seed) => {
          const entries = values.map((v, i) => `"k${i}": ${v}`).join(', ');
          const source =
            shape === 'map'
              ? `{${entries}}`
              : shape === 'list'
                ? `[${values.join(', ')}]`
                : shape === 'nested'
                  ? `{"outer": {${entries}}}`
                  : values[0]!;
          agree(source, 'payload', { seq: 3, now: 0 }, seed);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a shared pick list never leaks into results: each evaluation is fresh', () => {
    const source = '{"r": rand.pick(["eu", "us", "apac"]), "l": ["eu", "us", "apac"]}';
    for (let seed = 0; seed < 20; seed++) expect(agree(source, 'payload', { seq: 1 }, seed)).toBe(true);
  });
});
