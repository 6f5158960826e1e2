import { describe, expect, it } from 'vitest';
import { configSchemas } from '@eventflow/shared';
import { describeSchema, initialValue, variantLabel, variantOf, type FieldSpec } from './schema-fields';

const fields = (kind: keyof typeof configSchemas) => {
  const spec = describeSchema(configSchemas[kind]);
  if (spec.type !== 'object') throw new Error('config schemas are objects');
  return new Map(spec.fields.map((f) => [f.name, f] as const));
};

describe('schema-driven form fields', () => {
  it('reads bounds, integer-ness and defaults from the topic schema', () => {
    expect(fields('topic').get('partitions')).toMatchObject({
      type: 'number',
      integer: true,
      min: 1,
      max: 256,
      defaultValue: 1,
    });
    expect(fields('topic').get('retention')).toMatchObject({ type: 'object' });
  });

  it('reads enums, optional fields and unions from the consumer schema', () => {
    const f = fields('consumer');
    expect(f.get('delivery')).toMatchObject({
      type: 'enum',
      options: ['at-most-once', 'at-least-once', 'exactly-once'],
      defaultValue: 'at-least-once',
    });
    expect(f.get('group')).toMatchObject({ type: 'string', optional: true });
    expect(f.get('failureRate')).toMatchObject({ type: 'number', min: 0, max: 1, integer: false });
    const duration = f.get('processingMs') as Extract<FieldSpec, { type: 'union' }>;
    expect(duration.variants.map((v) => v.type)).toEqual(['number', 'object', 'object']);
    expect(variantOf(duration, 10)).toBe(0);
    expect(variantOf(duration, { min: 1, max: 2 })).toBe(1);
    expect(variantOf(duration, { mean: 1, stddev: 2 })).toBe(2);
  });

  it('gives every config field a starting value the schema accepts', () => {
    for (const kind of ['producer', 'topic', 'filter', 'consumer'] as const) {
      const spec = describeSchema(configSchemas[kind]);
      const value = initialValue(spec) as Record<string, unknown>;
      const seeded = {
        ...value,
        ...(kind === 'producer' ? { eventType: 'X' } : {}),
        ...(kind === 'filter' ? { expression: 'true' } : {}),
      };
      expect(configSchemas[kind].safeParse(seeded).success, kind).toBe(true);
    }
  });
});

describe('tagged unions (a producer rate schedule)', () => {
  const schedule = fields('producer').get('schedule')!;

  it('is an optional union whose variants are named by their tag', () => {
    expect(schedule).toMatchObject({ type: 'union', optional: true });
    if (schedule.type !== 'union') throw new Error('union expected');
    expect(schedule.variants.map(variantLabel)).toEqual(['steps', 'spike']);
  });

  it('starts a picked variant valid, tag included, and recognises a value by its tag', () => {
    if (schedule.type !== 'union') throw new Error('union expected');
    const [steps, spike] = schedule.variants as [FieldSpec, FieldSpec];
    expect(initialValue(spike)).toEqual({ type: 'spike', at: 1000, for: 1000, rate: 100 });
    expect(initialValue(steps)).toEqual({ type: 'steps', steps: [{ at: 1000, rate: 10 }] });
    expect(variantOf(schedule, { type: 'spike', at: 5, for: 5, rate: 5 })).toBe(1);
    expect(variantOf(schedule, { type: 'steps', steps: [] })).toBe(0);
  });
});
