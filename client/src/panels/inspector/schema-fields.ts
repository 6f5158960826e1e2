import type { CelContext } from '@eventflow/shared';

/**
 * Just enough of zod 4's runtime shape to read a config schema: field kinds, bounds and defaults.
 * The form is generated from the same schemas the server validates with, so bounds never drift.
 */
interface ZodLike {
  _zod: {
    def: {
      type: string;
      innerType?: ZodLike;
      defaultValue?: unknown;
      options?: readonly ZodLike[];
      element?: ZodLike;
      shape?: Record<string, ZodLike>;
      entries?: Record<string, string>;
      values?: readonly unknown[];
    };
  };
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
}

/** Display hints the schema cannot carry: labels, units, help, and which strings are CEL. */
export interface FieldMeta {
  label: string;
  unit?: string;
  help?: string;
  cel?: CelContext;
  step?: number;
}

export type FieldSpec =
  | {
      type: 'number';
      name: string;
      optional: boolean;
      defaultValue?: unknown;
      min?: number;
      max?: number;
      integer: boolean;
    }
  | { type: 'string'; name: string; optional: boolean; defaultValue?: unknown }
  | { type: 'enum'; name: string; optional: boolean; defaultValue?: unknown; options: string[] }
  | { type: 'object'; name: string; optional: boolean; defaultValue?: unknown; fields: FieldSpec[] }
  | { type: 'array'; name: string; optional: boolean; defaultValue?: unknown; item: FieldSpec }
  /** A fixed value (a union variant's tag, e.g. `type: "spike"`): not edited, always written. */
  | { type: 'literal'; name: string; optional: boolean; defaultValue?: unknown; value: unknown }
  /** A number or one of several object shapes (Duration, Backoff, a rate schedule). */
  | { type: 'union'; name: string; optional: boolean; defaultValue?: unknown; variants: FieldSpec[] };

export function describeSchema(schema: unknown, name = ''): FieldSpec {
  let node = schema as ZodLike;
  let optional = false;
  let defaultValue: unknown = undefined;
  for (;;) {
    const def = node._zod.def;
    if (def.type === 'optional') optional = true;
    else if (def.type === 'default' || def.type === 'prefault') {
      if (defaultValue === undefined) defaultValue = def.defaultValue;
    } else break;
    if (!def.innerType) break;
    node = def.innerType;
  }
  const def = node._zod.def;
  const base = { name, optional, ...(defaultValue !== undefined ? { defaultValue } : {}) };
  switch (def.type) {
    case 'number':
      return {
        ...base,
        type: 'number',
        integer: node.isInt === true,
        ...(typeof node.minValue === 'number' && Number.isFinite(node.minValue)
          ? { min: node.minValue }
          : {}),
        ...(typeof node.maxValue === 'number' && Number.isFinite(node.maxValue)
          ? { max: node.maxValue }
          : {}),
      };
    case 'enum':
      return { ...base, type: 'enum', options: Object.values(def.entries ?? {}) };
    case 'object':
      return {
        ...base,
        type: 'object',
        fields: Object.entries(def.shape ?? {}).map(([k, v]) => describeSchema(v, k)),
      };
    case 'array':
      return { ...base, type: 'array', item: describeSchema(def.element, 'item') };
    case 'literal':
      return { ...base, type: 'literal', value: def.values?.[0] };
    case 'union':
      return {
        ...base,
        type: 'union',
        variants: (def.options ?? []).map((o, i) => describeSchema(o, String(i))),
      };
    default:
      return { ...base, type: 'string' };
  }
}

/** The value a field starts with when the user switches it on or picks a variant. */
export function initialValue(spec: FieldSpec): unknown {
  if (spec.defaultValue !== undefined) return structuredClone(spec.defaultValue);
  switch (spec.type) {
    case 'number':
      return spec.min !== undefined && spec.min > 0 ? spec.min : 0;
    case 'enum':
      return spec.options[0];
    case 'object':
      return Object.fromEntries(spec.fields.filter((f) => !f.optional).map((f) => [f.name, initialValue(f)]));
    case 'array':
      return [];
    case 'union':
      return spec.variants[0] ? initialValue(spec.variants[0]) : 0;
    case 'literal':
      return spec.value;
    default:
      return '';
  }
}

/** Which union variant a value belongs to: a number, or the object whose tag or keys it has. */
export function variantOf(spec: Extract<FieldSpec, { type: 'union' }>, value: unknown): number {
  const i = spec.variants.findIndex((v) =>
    v.type === 'number'
      ? typeof value === 'number'
      : v.type === 'object' &&
        typeof value === 'object' &&
        value !== null &&
        v.fields.every(
          (f) =>
            (f.type === 'literal' ? (value as Record<string, unknown>)[f.name] === f.value : true) &&
            (f.optional || f.name in value),
        ),
  );
  return Math.max(0, i);
}

/** A tagged variant is called by its tag ("spike"); an untagged one by its fields ("initial / multiplier"). */
export function variantLabel(spec: FieldSpec): string {
  if (spec.type === 'number') return 'fixed';
  if (spec.type === 'object') {
    const tag = spec.fields.find((f) => f.type === 'literal');
    if (tag?.type === 'literal') return String(tag.value);
    return spec.fields.map((f) => f.name).join(' / ');
  }
  return spec.type;
}
