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
