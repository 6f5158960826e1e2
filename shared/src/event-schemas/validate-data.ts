import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import type { EventDataSchema } from './schema.js';

/** One way a value breaks a schema: the field (`data.items[0].sku`, `data` for the whole) and why. */
export interface DataProblem {
  field: string;
  message: string;
}

// Compiling walks the schema once; the engine checks many events against few schemas, so keep them.
const validators = new WeakMap<EventDataSchema, Validator>();
const validatorOf = (schema: EventDataSchema): Validator => {
  let v = validators.get(schema);
  if (!v) {
    // Not short-circuited: the explanation should name the leaf field that broke, not its container.
    v = new Validator(schema as Schema, '2020-12', false);
    validators.set(schema, v);
  }
  return v;
};

/** `#/items/0/sku` → `data.items[0].sku`. */
function fieldOf(location: string, child?: string): string {
  const parts = location.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (child !== undefined) parts.push(child);
  return parts.reduce((a, p) => {
    const key = p.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(key)
      ? `${a}[${key}]`
      : /^[A-Za-z_$][\w$]*$/.test(key)
        ? `${a}.${key}`
        : `${a}[${JSON.stringify(key)}]`;
  }, 'data');
}

// Containers report "property x does not match" above the leaf that says what is wrong; the leaf is enough.
const AGGREGATE = new Set(['properties', 'items', 'prefixItems', 'allOf', '$ref', 'additionalItems']);

function describe(u: OutputUnit): DataProblem {
  const required = /required property "(.+)"/.exec(u.error);
  if (u.keyword === 'required' && required)
    return { field: fieldOf(u.instanceLocation, required[1]), message: 'is required' };
  const type = /Instance type "(.+)" is invalid\. Expected "(.+)"/.exec(u.error);
  if (u.keyword === 'type' && type)
    return { field: fieldOf(u.instanceLocation), message: `must be ${type[2]}, not ${type[1]}` };
  const extra = /Property "(.+)" does not match additional properties schema/.exec(u.error);
  if (u.keyword === 'additionalProperties' && extra)
    return { field: fieldOf(u.instanceLocation, extra[1]), message: 'is not allowed by the schema' };
  return {
    field: fieldOf(u.instanceLocation),
    message: u.error.replace(/\.$/, '').replace(/^Instance /, ''),
  };
}

/** Why `data` does not satisfy `schema` (leaf problems first in document order); empty when it does. */
export function validateData(schema: EventDataSchema, data: unknown): DataProblem[] {
  const result = validatorOf(schema).validate(data);
  if (result.valid) return [];
  const leaves = result.errors.filter((u) => !AGGREGATE.has(u.keyword));
  return (leaves.length ? leaves : result.errors).map(describe);
}

/** `data.amount is required; data.total must be number, not string` (at most `most`, then "and N more"). */
export function formatDataProblems(problems: readonly DataProblem[], most = 3): string {
  const shown = problems.slice(0, most).map((p) => `${p.field} ${p.message}`);
  const more = problems.length - shown.length;
  return more > 0 ? `${shown.join('; ')} and ${more} more` : shown.join('; ');
}
