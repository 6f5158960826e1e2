import type { DataProblem } from './validate-data.js';
import type { Compatibility, EventDataSchema, JsonType } from './schema.js';

/** What the two schemas are called in messages, e.g. `{ reader: 'v1', writer: 'v2' }`. */
export interface Names {
  reader: string;
  writer: string;
}

const typesOf = (s: EventDataSchema): JsonType[] | undefined =>
  s.type === undefined ? undefined : Array.isArray(s.type) ? s.type : [s.type];
const accepts = (types: JsonType[] | undefined, t: JsonType): boolean =>
  types === undefined || types.includes(t) || (t === 'integer' && types.includes('number'));
const mayBe = (s: EventDataSchema, t: JsonType): boolean => accepts(typesOf(s), t);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const num = (x: unknown): number | undefined => (typeof x === 'number' ? x : undefined);
const child = (at: string, key: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${at}.${key}` : `${at}[${JSON.stringify(key)}]`;

// Bounds the reader may not tighten: [keyword, true when a larger value is stricter].
const BOUNDS: readonly [string, boolean][] = [
  ['minimum', true],
  ['exclusiveMinimum', true],
  ['minLength', true],
  ['minItems', true],
  ['maximum', false],
  ['exclusiveMaximum', false],
  ['maxLength', false],
  ['maxItems', false],
];

/**
 * Why data written with `writer` may fail `reader` (empty: every such value is readable), checked
 * structurally on the keywords that carry a data contract: type, enum, const, required, properties,
 * additionalProperties, items, numeric and length bounds, pattern and format. It assumes, as Eventflow's own
 * producers guarantee, that a writer writes no property its schema leaves undeclared (decision 0024).
 */
export function readProblems(
  reader: EventDataSchema,
  writer: EventDataSchema,
  names: Names,
  at = 'data',
): DataProblem[] {
  const out: DataProblem[] = [];
  const add = (field: string, message: string) => out.push({ field, message });
  const rTypes = typesOf(reader);
  const wTypes = typesOf(writer);
  if (rTypes) {
    const lost = (wTypes ?? ['any' as JsonType]).filter((t) => !accepts(rTypes, t));
    if (lost.length)
      add(
        at,
        `${names.writer} may write ${lost.join(' or ')}, ${names.reader} reads only ${rTypes.join(' or ')}`,
      );
  }
  if (reader.enum !== undefined) {
    const values = writer.enum ?? ('const' in writer ? [writer.const] : undefined);
    const extra = values?.filter((v) => !reader.enum!.some((r) => same(r, v)));
    if (!values)
      add(at, `${names.reader} accepts only ${JSON.stringify(reader.enum)}, ${names.writer} any value`);
    else if (extra?.length)
      add(
        at,
        `${names.writer} may write ${extra.map((v) => JSON.stringify(v)).join(', ')}, which ${names.reader} does not accept`,
      );
  }
  if ('const' in reader && !('const' in writer && same(reader.const, writer.const)))
    add(at, `${names.reader} accepts only ${JSON.stringify(reader.const)}`);
  for (const [k, largerIsStricter] of BOUNDS) {
    const r = num(reader[k]);
    if (r === undefined) continue;
    const w = num(writer[k]);
    if (w === undefined || (largerIsStricter ? r > w : r < w))
      add(at, `${names.reader} has ${k} ${r}, ${names.writer} ${w === undefined ? 'none' : w}`);
  }
  for (const k of ['pattern', 'format'] as const)
    if (reader[k] !== undefined && !same(reader[k], writer[k]))
      add(at, `${names.reader} requires ${k} ${JSON.stringify(reader[k])}, ${names.writer} does not`);
  if (mayBe(reader, 'object') && mayBe(writer, 'object')) objectProblems(reader, writer, names, at, out);
  if (mayBe(reader, 'array') && mayBe(writer, 'array') && reader.items)
    out.push(...readProblems(reader.items, writer.items ?? {}, names, `${at}[]`));
  return out;
}

function objectProblems(
  reader: EventDataSchema,
  writer: EventDataSchema,
  names: Names,
  at: string,
  out: DataProblem[],
) {
  const wRequired = new Set(writer.required ?? []);
  for (const r of reader.required ?? [])
    if (!wRequired.has(r))
      out.push({
        field: child(at, r),
        message: `is required by ${names.reader}, ${names.writer} ${writer.properties?.[r] ? 'does not require it' : 'does not have it'}`,
      });
  const rProps = reader.properties ?? {};
  const wProps = writer.properties ?? {};
  for (const [key, r] of Object.entries(rProps)) {
    const w =
      wProps[key] ??
      (typeof writer.additionalProperties === 'object' ? writer.additionalProperties : undefined);
    if (w) out.push(...readProblems(r, w, names, child(at, key)));
  }
  const extra = reader.additionalProperties;
  if (extra === undefined || extra === true) return;
  for (const [key, w] of Object.entries(wProps)) {
    if (key in rProps) continue;
    if (extra === false)
      out.push({
        field: child(at, key),
        message: `is written by ${names.writer}, ${names.reader} allows no such property`,
      });
    else out.push(...readProblems(extra, w, names, child(at, key)));
  }
}

/**
 * Whether `newer` may follow `older` under `mode`, as a schema registry checks a new version: the problems
 * found (empty: compatible). `backward`: a reader on `newer` reads what `older` wrote; `forward`: a reader on
 * `older` reads what `newer` writes; `full`: both.
 */
export function compatibilityProblems(
  mode: Compatibility,
  newer: { version: number; schema: EventDataSchema },
  older: { version: number; schema: EventDataSchema },
): DataProblem[] {
  const n = `v${newer.version}`;
  const o = `v${older.version}`;
  const backward = () => readProblems(newer.schema, older.schema, { reader: n, writer: o });
  const forward = () => readProblems(older.schema, newer.schema, { reader: o, writer: n });
  switch (mode) {
    case 'backward':
      return backward();
    case 'forward':
      return forward();
    case 'full':
      return [...backward(), ...forward()];
    case 'none':
      return [];
  }
}
