import type { CelRand } from '../rand.js';

/**
 * What the fast path drew from the run's `CelRand` during one evaluation, so that when it hands the
 * evaluation back to the library (an error, or a case it does not model) the library sees the very same
 * draws instead of drawing again: the run's random stream, and so its trace, stays what the library
 * path alone gives.
 */
export class RandLog {
  /** Draw results in order (the first `count`); for `pick` the index of the picked element. */
  readonly draws: unknown[] = [];
  /** A counter rather than `draws.length = 0`, which is a slow runtime call on every evaluation. */
  count = 0;

  push(v: unknown): void {
    this.draws[this.count++] = v;
  }

  /** The draws of the current evaluation. */
  taken(): unknown[] {
    return this.draws.slice(0, this.count);
  }
}

/** A `CelRand` that first replays `draws` (in order), then continues on `source`. */
export function replaying(draws: readonly unknown[], source: CelRand): CelRand {
  let i = 0;
  const more = (): boolean => i < draws.length;
  const next = (): unknown => draws[i++];
  return {
    int: (lo, hi) => (more() ? (next() as number) : source.int(lo, hi)),
    float: () => (more() ? (next() as number) : source.float()),
    pick: (xs) => (more() ? xs[next() as number] : source.pick(xs)),
    uuid: () => (more() ? (next() as string) : source.uuid()),
  };
}

/** Index of `picked` in `xs` (by identity, NaN-safe), so a replay returns the library's own element. */
export function indexOfPick(xs: readonly unknown[], picked: unknown): number {
  for (let i = 0; i < xs.length; i++) if (Object.is(xs[i], picked)) return i;
  return -1;
}
