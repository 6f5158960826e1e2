import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readProblems } from './compat.js';
import type { EventDataSchema, JsonType } from './schema.js';
import { validateData } from './validate-data.js';

const KEYS = ['a', 'b', 'c'] as const;
const TYPES: JsonType[] = ['string', 'number', 'integer', 'boolean'];

const field: fc.Arbitrary<EventDataSchema> = fc.oneof(
  fc.constantFrom(...TYPES).map((type) => ({ type })),
  fc.record({ type: fc.constant<JsonType>('number'), maximum: fc.integer({ min: -5, max: 5 }) }),
  fc.record({ enum: fc.uniqueArray(fc.constantFrom('x', 'y', 'z'), { minLength: 1 }) }),
);
const objectOf = (properties: Record<string, EventDataSchema>, required: string[], closed: boolean) => ({
  type: 'object' as const,
  properties,
  required: required.filter((k) => k in properties),
  ...(closed ? { additionalProperties: false } : {}),
});
const schema: fc.Arbitrary<EventDataSchema> = fc
  .tuple(fc.dictionary(fc.constantFrom(...KEYS), field), fc.subarray([...KEYS]), fc.boolean())
  .map(([p, r, c]) => objectOf(p, r, c));

/** A reader near the writer, so that compatible pairs are common: each field kept, retyped or dropped. */
const readerNear = (w: EventDataSchema): fc.Arbitrary<EventDataSchema> =>
  fc
    .tuple(
      fc.tuple(
        ...KEYS.map((k) => fc.option(fc.oneof(fc.constant(w.properties?.[k]), field), { nil: undefined })),
      ),
      fc.subarray([...KEYS]),
      fc.boolean(),
    )
    .map(([fields, required, closed]) => {
      const properties: Record<string, EventDataSchema> = {};
      KEYS.forEach((k, i) => {
        const f = fields[i];
        if (f) properties[k] = f;
      });
      return objectOf(properties, required, closed);
    });

/** A value of one field's schema (which may be any of several). */
const valueOf = (f: EventDataSchema): fc.Arbitrary<unknown> => {
  if (f.enum) return fc.constantFrom(...f.enum);
  const max = typeof f.maximum === 'number' ? f.maximum : 10;
  switch (f.type) {
    case 'string':
      return fc.string({ maxLength: 3 });
    case 'integer':
      return fc.integer({ min: -10, max: Math.floor(max) });
    case 'number':
      return fc.oneof(fc.integer({ min: -10, max }), fc.double({ min: -10, max, noNaN: true }));
    default:
      return fc.boolean();
  }
};
/** Data the writer accepts, holding only properties it declares (the assumption of decision 0024). */
const dataOf = (w: EventDataSchema): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      ...Object.entries(w.properties ?? {}).map(([k, f]) =>
        fc.tuple(fc.constant(k), valueOf(f), fc.boolean()),
      ),
    )
    .map((entries) =>
      Object.fromEntries(
        entries.filter(([k, , keep]) => keep || w.required?.includes(k)).map(([k, v]) => [k, v]),
      ),
    );

describe('readProblems is sound', () => {
  test('when it finds nothing, every value the writer accepts the reader accepts', () => {
    const pair = schema.chain((w) => fc.tuple(fc.constant(w), readerNear(w), dataOf(w)));
    fc.assert(
      fc.property(pair, ([writer, reader, data]) => {
        expect(validateData(writer, data)).toEqual([]);
        fc.pre(readProblems(reader, writer, { reader: 'R', writer: 'W' }).length === 0);
        expect(validateData(reader, data)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
