import { describe, expect, test } from 'vitest';
import { compatibilityProblems, readProblems } from './compat.js';
import type { EventDataSchema } from './schema.js';

const obj = (properties: Record<string, EventDataSchema>, required: string[] = [], extra?: boolean) => ({
  type: 'object' as const,
  properties,
  required,
  ...(extra === undefined ? {} : { additionalProperties: extra }),
});
const num: EventDataSchema = { type: 'number' };
const int: EventDataSchema = { type: 'integer' };
const str: EventDataSchema = { type: 'string' };
const names = { reader: 'R', writer: 'W' };

// [what changes, reader, writer, the fields the reader cannot read (empty: compatible)]
const table: [string, EventDataSchema, EventDataSchema, string[]][] = [
  ['identical', obj({ a: num }, ['a']), obj({ a: num }, ['a']), []],
  ['the writer adds an optional field', obj({ a: num }, ['a']), obj({ a: num, b: str }, ['a']), []],
  [
    'the writer adds a field the closed reader refuses',
    obj({ a: num }, ['a'], false),
    obj({ a: num, b: str }, ['a']),
    ['data.b'],
  ],
  [
    'the reader requires a field the writer lacks',
    obj({ a: num, b: str }, ['a', 'b']),
    obj({ a: num }, ['a']),
    ['data.b'],
  ],
  [
    'the reader requires a field the writer has but as optional',
    obj({ a: num }, ['a']),
    obj({ a: num }),
    ['data.a'],
  ],
  ['the reader drops a requirement', obj({ a: num }), obj({ a: num }, ['a']), []],
  ['a field renamed', obj({ amount: num }, ['amount']), obj({ total: num }, ['total']), ['data.amount']],
  [
    'a type widened in the reader (integer read as number)',
    obj({ a: num }, ['a']),
    obj({ a: int }, ['a']),
    [],
  ],
  [
    'a type narrowed in the reader (number read as integer)',
    obj({ a: int }, ['a']),
    obj({ a: num }, ['a']),
    ['data.a'],
  ],
  ['a type changed', obj({ a: str }, ['a']), obj({ a: num }, ['a']), ['data.a']],
  ['an enum value added by the writer', { enum: ['a', 'b'] }, { enum: ['a', 'b', 'c'] }, ['data']],
  ['an enum value removed by the writer', { enum: ['a', 'b'] }, { enum: ['a'] }, []],
  [
    'a nested field renamed',
    obj({ to: obj({ city: str }, ['city']) }, ['to']),
    obj({ to: obj({ town: str }, ['town']) }, ['to']),
    ['data.to.city'],
  ],
  [
    'array items changed',
    obj({ xs: { type: 'array', items: str } }),
    obj({ xs: { type: 'array', items: num } }),
    ['data.xs[]'],
  ],
  [
    'a tighter maximum in the reader',
    { type: 'number', maximum: 10 },
    { type: 'number', maximum: 100 },
    ['data'],
  ],
  ['a looser maximum in the reader', { type: 'number', maximum: 100 }, { type: 'number', maximum: 10 }, []],
  ['a reader with no type reads anything', {}, obj({ a: num }), []],
];

describe('readProblems: can a reader schema read what a writer schema writes', () => {
  test.each(table)('%s', (_what, reader, writer, fields) => {
    expect(readProblems(reader, writer, names).map((p) => p.field)).toEqual(fields);
  });

  test('a missing field names both versions', () => {
    const [p] = readProblems(obj({ amount: num }, ['amount']), obj({ total: num }, ['total']), {
      reader: 'v1',
      writer: 'v2',
    });
    expect(`${p!.field} ${p!.message}`).toBe('data.amount is required by v1, v2 does not have it');
  });
});

describe('compatibilityProblems: the registry modes on a new version', () => {
  const v1 = { version: 1, schema: obj({ amount: num }, ['amount']) };
  const addsOptional = { version: 2, schema: obj({ amount: num, currency: str }, ['amount']) };
  const addsRequired = { version: 2, schema: obj({ amount: num, currency: str }, ['amount', 'currency']) };
  const renames = { version: 2, schema: obj({ total: num }, ['total']) };
  const modes = ['backward', 'forward', 'full', 'none'] as const;
  // [new version, which modes accept it]
  const cases: [string, typeof v1, (typeof modes)[number][]][] = [
    ['adds an optional field', addsOptional, ['backward', 'forward', 'full', 'none']],
    ['adds a required field', addsRequired, ['forward', 'none']],
    ['renames a required field', renames, ['none']],
  ];
  test.each(cases)('a v2 that %s', (_what, v2, accepted) => {
    expect(modes.filter((m) => compatibilityProblems(m, v2, v1).length === 0)).toEqual(accepted);
  });
});
