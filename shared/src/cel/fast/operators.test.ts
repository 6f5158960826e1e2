import { describe, expect, it } from 'vitest';
import type { CelContext } from '../env.js';
import { compileCel, createSeededRand, setCelFastPath } from '../index.js';
import {
  fastOutcome,
  libraryOutcome,
  loggingRand,
  parseChecked,
  sameValue,
  type PathVars,
} from './compare-paths.js';

const ERR = Symbol('error');
type Case = [source: string, expected: unknown, vars?: PathVars];

const proto = JSON.parse('{"__proto__": 5, "a": 1}') as unknown;
const ctorKey = JSON.parse('{"constructor": "c", "a": 1}') as unknown;
const DATA = { amount: 420, account: 'acct-7', items: [1, 2.5, 'x'], nested: { a: 1 }, n: null, empty: '' };

/** Runs `source` on both paths: the fast path must handle it (value or error, no hand-back) and agree. */
function check(context: CelContext, [source, expected, vars = { data: DATA }]: Case): void {
  const parsed = parseChecked(source, context);
  expect(parsed, `${source} compiles`).toBeDefined();
  if (!parsed) return;
  const fast = fastOutcome(parsed, vars, loggingRand(1, []));
  const lib = libraryOutcome(parsed, vars, loggingRand(1, []));
  expect(fast, `${source} is in the fast subset`).toBeDefined();
  expect(
    fast?.kind,
    `${source}: ${fast?.kind === 'value' ? '' : String(fast && 'message' in fast ? fast.message : '')}`,
  ).toBe(expected === ERR ? 'error' : 'value');
  expect(lib.kind, `${source} on the library`).toBe(fast?.kind);
  if (fast?.kind === 'value' && lib.kind === 'value') {
    expect(sameValue(fast.value, expected), `${source} gives the expected value`).toBe(true);
    expect(sameValue(fast.value, lib.value)).toBe(true);
  }
}

const families: Record<string, Case[]> = {
  literals: [
    ['1', 1n],
    ['1.5', 1.5],
    ['"a"', 'a'],
    ['true', true],
    ['null', null],
    ['[1, "a"]', [1n, 'a']],
  ],
  'field and index access': [
    ['data.amount', 420],
    ['data["account"]', 'acct-7'],
    ['data.items[0]', 1],
    ['data.items[1.0]', 2.5],
    ['data.items[3]', ERR],
    ['data.items[-1]', ERR],
    ['data.missing', ERR],
    ['data.n', null],
    ['data.amount.x', ERR],
    ['data.constructor', ERR],
    ['data.toString', ERR],
    ['data["__proto__"]', ERR],
    ['data.hasOwnProperty', ERR],
    ['data["__proto__"]', 5, { data: proto }],
    ['data.a', 1, { data: proto }],
    ['data.a', ERR, { data: ctorKey }],
    ['data', ERR, { data: ctorKey }],
    ['event.type', 'T', { event: { type: 'T' } }],
    ['event.type', ERR, { event: null }],
    ['{"a": 1}.a', 1n],
    ['{"a": 1}.b', ERR],
    ['[1, 2][1]', 2n],
  ],
  'has()': [
    ['has(data.amount)', true],
    ['has(data.nope)', false],
    ['has(data.nested.a)', true],
    ['has(data.nope.a)', ERR],
    ['has(data.constructor)', false],
    ['has(data.amount.x)', false],
  ],
  arithmetic: [
    ['1 + 2', 3n],
    ['7 / 2', 3n],
    ['-7 % 3', -1n],
    ['7 / 0', ERR],
    ['7 % 0', ERR],
    ['9223372036854775807 + 1', ERR],
    ['-9223372036854775807 - 2', ERR],
    ['4611686018427387904 * 2', ERR],
    ['data.amount * 2', 840],
    ['data.amount / 8', 52.5],
    ['data.amount + 0.5', 420.5],
    ['data.amount % 2', ERR],
    ['"a" + "b"', 'ab'],
    ['"a" + data.amount', ERR],
    ['data.account + 1', ERR],
    ['-data.amount', -420],
    ['-(1)', -1n],
    ['-data.account', ERR],
    ['data.amount - 20', 400],
  ],
  comparison: [
    ['data.amount > 250', true],
    ['data.amount <= 250', false],
    ['1 < 1.5', true],
    ['"a" < "b"', true],
    ['false < true', true],
    ['data.account > 1', ERR],
    ['data.n < 1', ERR],
    ['data.items < data.items', ERR],
  ],
  equality: [
    ['data.amount == 420', true],
    ['420 == data.amount', true],
    ['data.account == "acct-7"', true],
    ['data.account != 1', true],
    ['data.n == null', true],
    ['data.amount == "420"', false],
    ['1 == 1', true],
    ['data.empty != ""', false],
  ],
  logic: [
    ['true && false', false],
    ['data.missing > 1 || true', true],
    ['true || data.missing > 1', true],
    ['data.missing > 1 && false', false],
    ['data.missing > 1 && true', ERR],
    ['false || data.missing > 1', ERR],
    ['data.amount || true', true],
    ['data.amount && true', ERR],
    ['!true', false],
    ['!data.amount', ERR],
    ['data.amount > 1 ? "big" : "small"', 'big'],
    ['data.amount ? 1 : 2', ERR],
  ],
  membership: [
    ['1 in [1, 2]', true],
    ['"x" in data.items', true],
    ['2.5 in data.items', true],
    ['1 in data.items', true],
    ['3 in data.items', false],
    ['"amount" in data', true],
    ['"constructor" in data', false],
    ['"a" in data.amount', ERR],
  ],
  functions: [
    ['size("héllo")', 5n],
    ['size(data.items)', 3n],
    ['size(data)', 6n],
    ['data.items.size()', 3n],
    ['size(data.amount)', ERR],
    ['string(12)', '12'],
    ['string(1.5)', '1.5'],
    ['string(true)', 'true'],
    ['string(data.n)', ERR],
    ['int("12")', 12n],
    ['int(" 1")', ERR],
    ['int(2.9)', 2n],
    ['int(data.amount)', 420n],
    ['double("1.5")', 1.5],
    ['double("inf")', Infinity],
    ['double("x")', ERR],
    ['data.account.startsWith("acct")', true],
    ['data.account.endsWith("7")', true],
    ['data.account.contains("t-")', true],
    ['data.amount.startsWith("4")', ERR],
    // A typed receiver (event is a map) calls the overload directly; a function argument typed with dyn
    // inside is typed deeply first, and an own "constructor": null fails that typing.
    ['event.size()', 1n, { event: { a: { constructor: null } } }],
    ['size(event)', ERR, { event: { a: { constructor: null } } }],
  ],
  'list and map literals': [
    ['{"a": data.amount, "b": [seq]}', { a: 420, b: [0n] }, { data: DATA, seq: 0n }],
    ['{1: "x"}', { 1: 'x' }],
    ['{data.account: 1}', { 'acct-7': 1n }],
    ['{"k": 1, "k": 2}', { k: 2n }],
  ],
};

describe('fast path operator families (each agrees with the library)', () => {
  for (const [family, cases] of Object.entries(families)) {
    it(family, () => {
      for (const c of cases) check(c[0].includes('seq') ? 'key' : 'emit', c);
    });
  }

  it('rand draws the same values in the same order (arguments last to first)', () => {
    for (const source of [
      '[rand.int(1, 6), rand.float(), rand.uuid()]',
      'rand.pick(["a", "b", "c"])',
      'rand.int(rand.int(1, 3), rand.int(4, 9))',
    ]) {
      const parsed = parseChecked(source, 'key')!;
      const fastDraws: string[] = [];
      const libDraws: string[] = [];
      const fast = fastOutcome(parsed, {}, loggingRand(7, fastDraws));
      const lib = libraryOutcome(parsed, {}, loggingRand(7, libDraws));
      expect(fast?.kind).toBe('value');
      expect(fast?.kind === 'value' && lib.kind === 'value' && sameValue(fast.value, lib.value)).toBe(true);
      expect(fastDraws).toEqual(libDraws);
      expect(fastDraws.length).toBeGreaterThan(0);
    }
  });

  it('leaves macros, regexes and optional syntax to the library', () => {
    for (const source of [
      'data.items.all(x, x != 0)',
      'data.account.matches("^a")',
      'data.items.map(x, x)',
      'timestamp("2024-01-01T00:00:00Z")',
      '1u',
    ]) {
      const parsed = parseChecked(source, 'emit');
      expect(parsed, source).toBeDefined();
      expect(fastOutcome(parsed!, { data: DATA }, loggingRand(1, [])), source).toBeUndefined();
    }
  });
});

describe('compileCel with the fast path', () => {
  it('answers cases the fast path hands back (aggregate equality) with the library value', () => {
    const c = compileCel('data.items == [1, 2]', 'filter');
    expect(c.ok && c.expr.evaluate({ data: { items: [1, 2] } })).toBe(true);
  });

  it('reports the library error message and keeps the random stream when the fast path fails after drawing', () => {
    const run = (fast: boolean): [string, number] => {
      const c = compileCel(
        '{"n": rand.int(1, 6) + rand.int(1, 6), "x": string(seq / (seq - seq))}',
        'payload',
        { fast },
      );
      if (!c.ok) throw new Error(c.message);
      const rand = createSeededRand(3);
      let message = '';
      try {
        c.expr.evaluate({ seq: 4, rand });
      } catch (e) {
        message = e instanceof Error ? e.message : String(e);
      }
      return [message, rand.float()];
    };
    const onFast = run(true);
    expect(onFast[0]).toContain('division by zero');
    expect(onFast).toEqual(run(false));
  });

  it('setCelFastPath(false) keeps new expressions on the library path, with the same results', () => {
    setCelFastPath(false);
    try {
      const c = compileCel('{"account": "acct-" + string(seq % 64), "amount": rand.int(1, 1000)}', 'payload');
      expect(c.ok && c.expr.evaluate({ seq: 65, rand: createSeededRand(1) })).toEqual({
        account: 'acct-1',
        amount: expect.any(Number) as number,
      });
    } finally {
      setCelFastPath(true);
    }
  });

  it('fills seq for expressions that read it only inside a macro', () => {
    const c = compileCel('[1, 2].map(x, x + seq)', 'payload');
    expect(c.ok && c.expr.evaluate({ seq: 10 })).toEqual([11, 12]);
  });
});
