import { describe, expect, test } from 'vitest';
import {
  CelEvalError,
  compileCel,
  createSeededRand,
  previewExpression,
  validateExpression,
  type CelContext,
  type CelRand,
} from './index.js';

const event = {
  specversion: '1.0',
  type: 'OrderPlaced',
  source: '/nodes/orders',
  id: 'ev-1',
  data: { total: 150, customer: 'c1', items: [1, 2, 3] },
};

function compile(source: string, context: CelContext) {
  const r = compileCel(source, context);
  if (!r.ok) throw new Error(`did not compile: ${r.message}`);
  return r.expr;
}
const errorOf = (source: string, context: CelContext) => {
  const r = compileCel(source, context);
  if (r.ok) throw new Error(`compiled: ${source}`);
  return r;
};

describe('filters', () => {
  test('evaluate to bool over event and data', () => {
    const f = compile('event.type == "OrderPlaced" && data.total > 100', 'filter');
    expect(f.evaluate({ event, data: event.data, key: null })).toBe(true);
    expect(f.evaluate({ event, data: { total: 5 }, key: null })).toBe(false);
  });
  test('a non-bool result is a compile error when known, an evaluation error otherwise', () => {
    expect(errorOf('1 + 2', 'filter').message).toBe('a filter must give a bool, this gives int');
    expect(() => compile('data.total', 'filter').evaluate({ event, data: event.data })).toThrow(
      /filter gave number, not a bool/,
    );
  });
  test('macros, string functions and key work', () => {
    expect(
      compile(
        'data.items.exists(i, i > 2) && event.source.startsWith("/nodes") && key == "k1"',
        'filter',
      ).evaluate({ event, data: event.data, key: 'k1' }),
    ).toBe(true);
    expect(compile('data.items.all(i, i > 2)', 'filter').evaluate({ event, data: event.data })).toBe(false);
  });
  test('a missing data field fails evaluation with a message', () => {
    const f = compile('data.totl > 1', 'filter');
    expect(() => f.evaluate({ event, data: event.data })).toThrow(CelEvalError);
    expect(() => f.evaluate({ event, data: event.data })).toThrow(/no such key: totl/);
  });
});

describe('compile errors carry a message and a 1-based column', () => {
  test('unknown variable', () => {
    expect(errorOf('data.total > 1 && foo', 'filter')).toMatchObject({
      message: "unknown variable 'foo' (here you can use event, data, key, rand)",
      line: 1,
      column: 19,
    });
  });
  test('unknown event field', () => {
    expect(errorOf('event.tyep == "x"', 'filter')).toMatchObject({
      message: "event has no field 'tyep'",
      column: 7,
    });
    expect(errorOf('has(event.subjekt)', 'filter')).toMatchObject({
      message: "event has no field 'subjekt'",
      column: 11,
    });
  });
  test('variables depend on the context', () => {
    expect(errorOf('data.x', 'payload').message).toMatch(
      /^unknown variable 'data' \(here you can use seq, now, rand\)/,
    );
    expect(errorOf('seq > 1', 'filter').message).toMatch(/^unknown variable 'seq'/);
  });
  test('syntax error on line 2', () => {
    expect(errorOf('data.a &&\n  data.b +', 'filter')).toMatchObject({ line: 2 });
  });
});

describe('payload builders, keys and rand', () => {
  const calls: string[] = [];
  const rand: CelRand = {
    int: (lo, hi) => (calls.push(`int ${lo} ${hi}`), hi),
    float: () => (calls.push('float'), 0.25),
    pick: (xs) => (calls.push(`pick ${xs.length}`), xs[1]),
    uuid: () => (calls.push('uuid'), '00000000-0000-4000-8000-000000000000'),
  };
  test('build plain JSON objects and delegate rand to the supplied source', () => {
    const p = compile(
      '{"orderId": "ORD-" + string(seq), "customerId": rand.pick(["c1","c2","c3"]), "total": rand.int(5, 500), "f": rand.float(), "u": rand.uuid(), "at": now}',
      'payload',
    );
    const out = p.evaluate({ seq: 7, now: 1500, rand });
    expect(out).toEqual({
      orderId: 'ORD-7',
      customerId: 'c2',
      total: 500,
      f: 0.25,
      u: '00000000-0000-4000-8000-000000000000',
      at: 1500,
    });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(calls).toEqual(['pick 3', 'int 5 500', 'float', 'uuid']);
  });
  test('rand without a source is an evaluation error', () => {
    expect(() => compile('rand.int(1, 2)', 'payload').evaluate({ seq: 1 })).toThrow(/no random source/);
  });
  test('JSON numbers mix with CEL ints in arithmetic', () => {
    expect(
      compile('{"double": data.total * 2, "n": size(data.items) + data.total}', 'emit').evaluate({
        event,
        data: event.data,
      }),
    ).toEqual({ double: 300, n: 153 });
  });
  test('mixed int/double arithmetic is typed double, so it composes', () => {
    expect(compile('(2 * data.total) + 1', 'emit').evaluate({ event, data: event.data })).toBe(301);
    expect(compile('int(1 + data.total / 4)', 'emit').evaluate({ event, data: event.data })).toBe(38);
  });
  test('keys are strings or null', () => {
    expect(compile('data.customer', 'key').evaluate({ data: event.data })).toBe('c1');
    expect(compile('data.total', 'key').evaluate({ data: event.data })).toBe('150');
    expect(compile('null', 'key').evaluate({ data: {} })).toBeNull();
    expect(() => compile('data.items', 'key').evaluate({ data: event.data })).toThrow(
      /a key must be a string, not a list/,
    );
  });
  test('an int outside the safe JSON range is an error', () => {
    expect(() => compile('{"n": 9007199254740993}', 'payload').evaluate({})).toThrow(
      /outside the safe JSON range/,
    );
  });
});

describe('hostile expressions', () => {
  test('no way to reach JS constructors', () => {
    expect(compileCel('this.constructor.constructor("return process")()', 'filter').ok).toBe(false);
    expect(() => compile('data.constructor', 'emit').evaluate({ event, data: {} })).toThrow(
      /no such key: constructor/,
    );
    expect(() => compile('data["__proto__"]', 'emit').evaluate({ event, data: {} })).toThrow(CelEvalError);
  });
  test('__proto__ in payload data round-trips as a data key and pollutes nothing', () => {
    const data = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const out = compile('data', 'emit').evaluate({ event, data }) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(out)).toEqual(['__proto__', 'a']);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":true},"a":1}');
    expect(compile('data["__proto__"].polluted', 'filter').evaluate({ event, data })).toBe(true);
  });
  test('a reserved key in a map literal is refused rather than silently dropped', () => {
    expect(errorOf('{"__proto__": {"polluted": true}}', 'payload')).toMatchObject({
      message: "map key '__proto__' is not allowed in an expression",
      column: 2,
    });
  });
  test('deeply nested macros are refused at compile time', () => {
    expect(errorOf('[1,2,3].map(x, [1,2,3].map(y, [1,2,3].map(z, x * y * z)))', 'emit').message).toMatch(
      /may nest at most 2 deep/,
    );
    expect(compileCel('[1,2,3].map(x, [1,2,3].map(y, x * y))', 'emit').ok).toBe(true);
  });
  test('huge literals and long sources are refused', () => {
    expect(errorOf(`[${Array.from({ length: 300 }, (_, i) => i).join(',')}]`, 'emit').message).toMatch(
      /maxListElements/,
    );
    expect(errorOf(`"${'a'.repeat(2000)}"`, 'emit').message).toMatch(/string literal longer than 1024/);
    expect(errorOf(`${'1 + '.repeat(1100)}1`, 'emit').message).toMatch(/longer than 4096 characters/);
    expect(errorOf(`${'1+'.repeat(1500)}1`, 'emit').message).toMatch(/maxAstNodes/);
  });
  test('catastrophic regex runs in linear time on RE2', () => {
    const t0 = performance.now();
    expect(
      compile('"aaaaaaaaaaaaaaaaaaaaaaaaaaaaa!".matches("(a+)+$")', 'filter').evaluate({ event, data: {} }),
    ).toBe(false);
    expect(
      compile('data.s.matches("(a+)+$")', 'filter').evaluate({ event, data: { s: `${'a'.repeat(5000)}!` } }),
    ).toBe(false);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(compile('event.type.matches("^Order")', 'filter').evaluate({ event, data: {} })).toBe(true);
  });
  test('invalid regex: compile error for literals, evaluation error for dynamic patterns', () => {
    expect(errorOf('"x".matches("a(")', 'filter')).toMatchObject({ column: 13 });
    expect(() => compile('"x".matches(data.p)', 'filter').evaluate({ event, data: { p: 'a(' } })).toThrow(
      /invalid regular expression/,
    );
  });
  test('string blow-up through cel.bind fails as an evaluation error', () => {
    const s =
      'cel.bind(a, "' +
      'x'.repeat(1000) +
      '", cel.bind(b, ' +
      Array(300).fill('a').join(' + ') +
      ', ' +
      Array(300).fill('b').join(' + ') +
      '))';
    const r = compileCel(s, 'emit');
    if (r.ok) expect(() => r.expr.evaluate({ event, data: {} })).toThrow(CelEvalError);
    else expect(r.message).toMatch(/maxAstNodes|longer than/);
  });
});

describe('editor helpers', () => {
  test('validateExpression returns problems with columns', () => {
    expect(validateExpression('event.type == "A"', 'filter')).toEqual([]);
    expect(validateExpression('event.typo == "A"', 'filter')).toEqual([
      { message: "event has no field 'typo'", severity: 'error', line: 1, column: 7 },
    ]);
  });
  test('previewExpression evaluates on a sample with a deterministic rand', () => {
    const a = previewExpression('{"n": rand.int(1, 1000000), "t": data.total}', 'emit', event);
    const b = previewExpression('{"n": rand.int(1, 1000000), "t": data.total}', 'emit', event);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ ok: true, value: { t: 150 } });
    expect(previewExpression('data.nope > 1', 'filter', event)).toEqual({
      ok: false,
      message: 'no such key: nope',
    });
  });
  test('createSeededRand is deterministic and within bounds', () => {
    const r = createSeededRand(3);
    const xs = Array.from({ length: 200 }, () => r.int(1, 6));
    expect(new Set(xs)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(createSeededRand(3).int(1, 6)).toBe(xs[0]);
  });
});
