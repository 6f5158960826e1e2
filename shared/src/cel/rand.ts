import { CelEvalError } from './plain-json.js';

/**
 * Seeded helpers behind `rand.*` in expressions. The engine passes one drawing from the run's PRNG, so the
 * same seed gives the same values. `int` is inclusive at both ends, `float` is in [0, 1).
 */
export interface CelRand {
  int(lo: number, hi: number): number;
  float(): number;
  pick(xs: readonly unknown[]): unknown;
  uuid(): string;
}

/** The CEL-side value of `rand`: an instance of our registered `Rand` type, delegating to a `CelRand`. */
export class RandHandle {
  constructor(readonly source: CelRand) {}
}

const missing: CelRand = {
  int: () => noRand(),
  float: () => noRand(),
  pick: () => noRand(),
  uuid: () => noRand(),
};
function noRand(): never {
  throw new CelEvalError('rand is not available here: no random source was supplied');
}
export const MISSING_RAND = new RandHandle(missing);

/**
 * A small deterministic `CelRand` (mulberry32), for previews and tests; the engine supplies its own.
 */
export function createSeededRand(seed: number): CelRand {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
  return {
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    float: next,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(next() * 4)]}${hex(3)}-${hex(12)}`,
  };
}
