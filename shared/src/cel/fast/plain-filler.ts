import type { FastFn, FastState } from './ast.js';

/**
 * The characters a root-map value adds to `toPlainJson`'s count when it is a JSON scalar that function
 * keeps as it is (a string, a finite number, a bool, null), else NaN: a sum with a NaN in it is never
 * within the limit, so one comparison at the end says whether the whole map is plain.
 */
function scalarChars(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (typeof v === 'number') return Number.isFinite(v) ? 0 : NaN;
  return typeof v === 'boolean' || v === null ? 0 : NaN;
}

/**
 * A payload's root map (`plainRootMap`): the values evaluated in order, then one object made by cloning
 * a template that has the keys in order (a spread of a fixed-shape object copies its layout instead of
 * growing a fresh object key by key), then filled in place. `s.plain` says whether the map is plain JSON
 * within the character limit (`room`: `maxResultChars` less the keys' characters), checked on the values
 * as they come instead of walking the object again. Up to four entries have their own closure.
 */
export function plainFiller(keys: string[], values: FastFn[], room: number): FastFn {
  const template: Record<string, unknown> = {};
  for (const k of keys) template[k] = null;
  switch (keys.length) {
    case 2: {
      const [k0, k1] = keys as [string, string];
      const [v0, v1] = values as [FastFn, FastFn];
      return (s) => {
        const a = v0(s);
        const b = v1(s);
        const out: Record<string, unknown> = {};
        out[k0] = a;
        out[k1] = b;
        s.plain = scalarChars(a) + scalarChars(b) <= room;
        return out;
      };
    }
    case 3: {
      const [k0, k1, k2] = keys as [string, string, string];
      const [v0, v1, v2] = values as [FastFn, FastFn, FastFn];
      return (s) => {
        const a = v0(s);
        const b = v1(s);
        const c = v2(s);
        const out: Record<string, unknown> = {};
        out[k0] = a;
        out[k1] = b;
        out[k2] = c;
        s.plain = scalarChars(a) + scalarChars(b) + scalarChars(c) <= room;
        return out;
      };
    }
    case 4: {
      const [k0, k1, k2, k3] = keys as [string, string, string, string];
      const [v0, v1, v2, v3] = values as [FastFn, FastFn, FastFn, FastFn];
      return (s) => {
        const a = v0(s);
        const b = v1(s);
        const c = v2(s);
        const d = v3(s);
        const out: Record<string, unknown> = {};
        out[k0] = a;
        out[k1] = b;
        out[k2] = c;
        out[k3] = d;
        s.plain = scalarChars(a) + scalarChars(b) + scalarChars(c) + scalarChars(d) <= room;
        return out;
      };
    }
    default:
      return (s: FastState) => {
        const vs = values.map((v) => v(s));
        const out: Record<string, unknown> = {};
        let chars = 0;
        for (let i = 0; i < keys.length; i++) {
          out[keys[i]!] = vs[i];
          chars += scalarChars(vs[i]);
        }
        s.plain = chars <= room;
        return out;
      };
  }
}
