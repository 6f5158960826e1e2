import { DYN, joinShapes, membersOf, scalar, type CelShape } from './shape.js';

/**
 * Result of `a <op> b` for known operand types, as the library (plus the int/double mixes `env.ts`
 * registers) resolves them at run time: a shape, or undefined when no overload exists. `overloads.test.ts`
 * pins this table against the library itself, so a library upgrade that changes it fails there.
 */
export function binaryResult(op: string, a: CelShape, b: CelShape): CelShape | undefined {
  // A union works only if every pairing of its members does: a pairing without an overload fails on some events.
  if (a.kind === 'union' || b.kind === 'union') {
    let out: CelShape | undefined;
    for (const x of membersOf(a))
      for (const y of membersOf(b)) {
        const r = binaryResult(op, x, y);
        if (!r) return undefined;
        out = out ? joinShapes(out, r) : r;
      }
    return out;
  }
  if (a.kind === 'dyn' || b.kind === 'dyn') return resultWhenDyn(op, a, b);
  const numeric = (s: CelShape) => s.kind === 'int' || s.kind === 'uint' || s.kind === 'double';
  switch (op) {
    case '==':
    case '!=':
      return scalar('bool');
    case 'in':
      return b.kind === 'list' || b.kind === 'map' ? scalar('bool') : undefined;
    case '<':
    case '<=':
    case '>':
    case '>=':
      if (numeric(a) && numeric(b)) return scalar('bool');
      return a.kind === b.kind && ['string', 'bool', 'bytes'].includes(a.kind) ? scalar('bool') : undefined;
    case '%':
      return (a.kind === 'int' || a.kind === 'uint') && a.kind === b.kind ? a : undefined;
    case '+':
      if (a.kind === b.kind && (a.kind === 'string' || a.kind === 'bytes')) return a;
      if (a.kind === 'list' && b.kind === 'list') return { kind: 'list', of: DYN };
      return arithmetic(a, b);
    case '-':
    case '*':
    case '/':
      return arithmetic(a, b);
    default:
      return DYN;
  }
}

function arithmetic(a: CelShape, b: CelShape): CelShape | undefined {
  if (a.kind === b.kind && (a.kind === 'int' || a.kind === 'uint' || a.kind === 'double')) return a;
  const mixed = (a.kind === 'int' && b.kind === 'double') || (a.kind === 'double' && b.kind === 'int');
  return mixed ? scalar('double') : undefined;
}

// One side unknown: the result type is still known for comparisons, and a known side can rule an op out.
function resultWhenDyn(op: string, a: CelShape, b: CelShape): CelShape | undefined {
  if (['==', '!=', '<', '<=', '>', '>=', 'in'].includes(op)) {
    if (op === 'in' && b.kind !== 'dyn' && b.kind !== 'list' && b.kind !== 'map') return undefined;
    return scalar('bool');
  }
  const known = a.kind === 'dyn' ? b : a;
  if (known.kind === 'dyn') return DYN;
  const allowed: Record<string, readonly string[]> = {
    '%': ['int', 'uint'],
    '+': ['int', 'uint', 'double', 'string', 'bytes', 'list'],
    '-': ['int', 'uint', 'double'],
    '*': ['int', 'uint', 'double'],
    '/': ['int', 'uint', 'double'],
  };
  const kinds = allowed[op];
  return !kinds || kinds.includes(known.kind) ? DYN : undefined;
}
