/**
 * What the checker knows about a value before it exists: a CEL type, and for maps the fields some upstream
 * producer sets. `dyn` means "anything"; the checker never flags a `dyn` operand.
 */
export type CelShape =
  | { kind: 'int' | 'uint' | 'double' | 'string' | 'bool' | 'null' | 'bytes' | 'dyn' }
  | { kind: 'list'; of: CelShape }
  /** One of several known types (a ternary's two branches, producers that disagree); never nested, never `dyn`. */
  | { kind: 'union'; of: readonly CelShape[] }
  | {
      kind: 'map';
      fields: Readonly<Record<string, CelShape>>;
      /** True when keys beyond `fields` may exist (a computed key): unknown fields are then not warned about. */
      open: boolean;
    };

export const DYN: CelShape = { kind: 'dyn' };
export const scalar = (kind: 'int' | 'uint' | 'double' | 'string' | 'bool' | 'null'): CelShape => ({ kind });

// Beyond this depth a shape is `dyn`: emit payloads that wrap `data` around a loop would otherwise grow forever.
const MAX_DEPTH = 6;

/** The members of a union, or the shape itself. */
export const membersOf = (s: CelShape): readonly CelShape[] => (s.kind === 'union' ? s.of : [s]);

// More alternatives than this say little; the value is then just `dyn`.
const MAX_UNION = 4;

/**
 * The shape that covers both: the same type stays, maps merge their fields, lists their items, and
 * different types become a union of both (so `x ? 1 : "a"` is known to be an int or a string).
 */
export function joinShapes(a: CelShape, b: CelShape, depth = 0): CelShape {
  if (depth > MAX_DEPTH || a.kind === 'dyn' || b.kind === 'dyn') return DYN;
  if (a.kind === 'union' || b.kind === 'union') {
    let out: CelShape[] = [...membersOf(a)];
    for (const m of membersOf(b)) {
      const i = out.findIndex((o) => o.kind === m.kind);
      if (i < 0) out.push(m);
      else out = out.map((o, j) => (j === i ? joinShapes(o, m, depth + 1) : o));
    }
    return out.length > MAX_UNION || out.some((o) => o.kind === 'dyn') ? DYN : { kind: 'union', of: out };
  }
  if (a.kind === 'map' && b.kind === 'map') {
    const fields: Record<string, CelShape> = { ...a.fields };
    for (const [k, v] of Object.entries(b.fields)) {
      const mine = Object.hasOwn(fields, k) ? fields[k] : undefined;
      fields[k] = mine ? joinShapes(mine, v, depth + 1) : v;
    }
    return { kind: 'map', fields, open: a.open || b.open };
  }
  if (a.kind === 'list' && b.kind === 'list') return { kind: 'list', of: joinShapes(a.of, b.of, depth + 1) };
  if (a.kind === b.kind) return a;
  return { kind: 'union', of: [a, b] };
}

/**
 * The shape a value has once it has been through JSON, as event data always has: CEL-over-JSON reads every
 * number as a double, so an `int` built by a payload (`{"seq": seq}`) arrives downstream as a double.
 */
export function jsonShape(s: CelShape, depth = 0): CelShape {
  if (depth > MAX_DEPTH) return DYN;
  switch (s.kind) {
    case 'int':
    case 'uint':
      return scalar('double');
    case 'bytes':
      return scalar('string');
    case 'list':
      return { kind: 'list', of: jsonShape(s.of, depth + 1) };
    case 'map': {
      const fields: Record<string, CelShape> = {};
      for (const [k, v] of Object.entries(s.fields)) fields[k] = jsonShape(v, depth + 1);
      return { kind: 'map', fields, open: s.open };
    }
    case 'union': {
      const [first, ...rest] = s.of.map((m) => jsonShape(m, depth + 1));
      return first ? rest.reduce((x, y) => joinShapes(x, y), first) : DYN;
    }
    default:
      return s;
  }
}

/** The shape of a plain JSON value (a sample, or data given by hand). */
export function shapeOfJson(value: unknown, depth = 0): CelShape {
  if (depth > MAX_DEPTH) return DYN;
  if (value === null) return scalar('null');
  if (typeof value === 'number') return scalar('double');
  if (typeof value === 'string') return scalar('string');
  if (typeof value === 'boolean') return scalar('bool');
  if (Array.isArray(value)) {
    const items = value.map((v) => shapeOfJson(v, depth + 1));
    const [first, ...rest] = items;
    return { kind: 'list', of: first ? rest.reduce((a, b) => joinShapes(a, b), first) : DYN };
  }
  if (typeof value === 'object') {
    const fields: Record<string, CelShape> = {};
    for (const [k, v] of Object.entries(value)) fields[k] = shapeOfJson(v, depth + 1);
    return { kind: 'map', fields, open: false };
  }
  return DYN;
}

/** `double`, `list`, `int or string`: the words CEL's own error messages use. */
export const typeName = (s: CelShape): string =>
  membersOf(s)
    .map((m) => m.kind)
    .join(' or ');
