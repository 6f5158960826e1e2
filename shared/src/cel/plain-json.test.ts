import fc from 'fast-check';
import { expect, test } from 'vitest';
import { compileCel } from './index.js';
import { toPlainJson } from './plain-json.js';

const jsonWith = (keys: fc.Arbitrary<string>) =>
  fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (Object.is(d, -0) ? 0 : d)),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(keys, tie('value'), { maxKeys: 4 }),
    ),
  })).value;
const json = jsonWith(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype')));
// The library reads `value.constructor` to type a value, so an object with an own "constructor" key
// cannot pass through CEL (a clear evaluation error, below); other keys, "__proto__" included, can.
const celJson = jsonWith(
  fc.oneof(
    fc.string().filter((k) => k !== 'constructor'),
    fc.constantFrom('__proto__', 'prototype'),
  ),
);

test('random JSON payloads survive toPlainJson unchanged, __proto__ keys included', () => {
  fc.assert(
    fc.property(json, (v) => {
      const text = JSON.stringify(v);
      const input: unknown = JSON.parse(text);
      expect(JSON.stringify(toPlainJson(input))).toBe(text);
    }),
  );
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

test('random JSON payloads pass through an emit expression unchanged', () => {
  const expr = compileCel('data', 'emit');
  if (!expr.ok) throw new Error(expr.message);
  fc.assert(
    fc.property(celJson, (v) => {
      const text = JSON.stringify(v);
      expect(JSON.stringify(expr.expr.evaluate({ data: JSON.parse(text) }))).toBe(text);
    }),
  );
});

test('bytes become base64, maps with non-string keys get string keys, and results are bounded', () => {
  expect(toPlainJson(new Uint8Array([104, 101, 108, 108, 111]))).toBe('aGVsbG8=');
  expect(toPlainJson(new Map([[1n, 2n]]))).toEqual({ '1': 2 });
  expect(() => toPlainJson(Array.from({ length: 20_000 }, () => 1))).toThrow(/more than 10000 values/);
  expect(() => toPlainJson(Number.NaN)).toThrow(/cannot be stored in JSON/);
});

test('data with a "constructor" key fails with an evaluation error instead of misbehaving', () => {
  const expr = compileCel('data', 'emit');
  if (!expr.ok) throw new Error(expr.message);
  expect(() => expr.expr.evaluate({ data: { constructor: false } })).toThrow(/unsupported type/);
});

test('a plain object that is JSON already is returned as it is; one holding an int is copied', () => {
  const plain = { account: 'acct-1', amount: 7, tags: ['a'], nested: { ok: true } };
  expect(toPlainJson(plain)).toBe(plain);
  const withInt = { account: 'acct-1', amount: 7n, nested: { n: 1n } };
  const out = toPlainJson(withInt);
  expect(out).not.toBe(withInt);
  expect(out).toEqual({ account: 'acct-1', amount: 7, nested: { n: 1 } });
  expect(withInt.amount).toBe(7n); // the input is never written to
  const list = [1, [2n], 'x'];
  expect(toPlainJson(list)).toEqual([1, [2], 'x']);
  expect(list[1]).toEqual([2n]);
  // eslint-disable-next-line no-sparse-arrays
  const holey = toPlainJson([1, , 2n]) as unknown[];
  expect(holey).toHaveLength(3);
  expect(1 in holey).toBe(false);
  const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
  expect(Object.getPrototypeOf(toPlainJson(bare))).toBe(Object.prototype);
  // Limits still hold for an object passed through without a copy.
  const wide = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]));
  expect(() => toPlainJson(wide)).toThrow(/more than 10000 values/);
});

test('a payload map literal gives plain numbers for ints, and the same errors for unsafe ones', () => {
  const compiled = (source: string, fast: boolean) => {
    const r = compileCel(source, 'payload', { fast });
    if (!r.ok) throw new Error(r.message);
    return r.expr;
  };
  const rand = { int: () => -0, float: () => 0.5, pick: <T>(xs: T[]) => xs[0], uuid: () => 'u' };
  for (const fast of [true, false]) {
    const v = compiled('{"amount": rand.int(-1, 1), "seq": seq * 2, "s": string(seq % 64)}', fast);
    const out = v.evaluate({ seq: 65, rand }) as Record<string, unknown>;
    expect(out).toEqual({ amount: 0, seq: 130, s: '1' });
    expect(Object.is(out.amount, -0)).toBe(false);
    const big = compiled('{"n": 9007199254740993}', fast);
    expect(() => big.evaluate({})).toThrow(/outside the safe JSON range/);
  }
});
