/**
 * Simulated times for people: `2,997 ms`, not `2997.2618010000006 ms`. One implementation, used by the
 * explanations here and by every client view.
 *
 * The scale, by magnitude: below 1 ms in µs (`250 µs`); 1–10 ms with up to three decimals, trailing zeros
 * trimmed (`2.5 ms`); 10 ms–10 s in whole ms with a thousands separator (`2,997 ms`); 10–60 s with one
 * decimal (`12.4 s`); 1 min–1 h as minutes and seconds (`3 min 05 s`); from 1 h as hours and minutes
 * (`1 h 02 min`). A value whose rounded reading reaches the next step's threshold is written in that step
 * (59.96 s as a duration reads `1 min 00 s`, never `60.0 s`), so a reading never goes backwards.
 */

/** Counts within each step, rounded either way: `Math.floor` for clocks, `Math.round` for durations. */
type Rounding = (x: number) => number;

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const MS_FRACTION = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** Shown for NaN and ±Infinity: a time that is not a number must not look like one. */
export const NO_TIME = '–';

// Binary floats land just below decimal values (1.005 × 1000 = 1004.9999999999999); snapping to 1e-6 of
// the step's unit first keeps a clock from truncating `1.005 ms` to `1.004 ms`. Large counts need no snap.
const snap = (x: number) => (x < 1e9 ? Math.round(x * 1e6) / 1e6 : x);
const pad2 = (n: number) => String(n).padStart(2, '0');

interface Step {
  /** Size of one counted unit, in ms. */
  unit: number;
  /** Count (exclusive) at which the next step takes over. */
  below: number;
  write: (count: number) => string;
}

const STEPS: readonly Step[] = [
  { unit: 0.001, below: 1_000, write: (us) => `${INTEGER.format(us)} µs` },
  { unit: 0.001, below: 10_000, write: (us) => `${MS_FRACTION.format(us / 1000)} ms` },
  { unit: 1, below: 10_000, write: (ms) => `${INTEGER.format(ms)} ms` },
  { unit: 100, below: 600, write: (tenths) => `${(tenths / 10).toFixed(1)} s` },
  { unit: 1_000, below: 3_600, write: (s) => `${Math.floor(s / 60)} min ${pad2(s % 60)} s` },
  {
    unit: 60_000,
    below: Infinity,
    write: (min) => `${INTEGER.format(Math.floor(min / 60))} h ${pad2(min % 60)} min`,
  },
];

function formatMagnitude(ms: number, round: Rounding): string {
  for (const step of STEPS) {
    const count = round(snap(ms / step.unit));
    if (count < step.below) return count === 0 ? '0 ms' : step.write(count);
  }
  return NO_TIME; // unreachable: the last step has no upper bound
}

function formatSim(ms: number, round: Rounding): string {
  if (!Number.isFinite(ms)) return NO_TIME;
  const text = formatMagnitude(Math.abs(ms), round);
  // A negative time is a bug upstream; show it as one rather than hide it, but never as "-0 ms".
  return ms < 0 && text !== '0 ms' ? `-${text}` : text;
}

/**
 * A reading of the simulated clock (a hop's `t`, the run clock, a waterfall axis), in simulated ms since the
 * run's start. Truncates like a clock does: it never shows a moment that has not been reached yet, so a hop
 * at 2,997.9 ms reads `2,997 ms`, never after one at 2,998 ms.
 */
export function formatSimClock(ms: number): string {
  return formatSim(ms, Math.floor);
}

/**
 * A length of simulated time (a latency, a waterfall bar, a configured delay), in ms. Rounds to the nearest
 * reading, since a duration has no "not yet" to respect and rounding halves the worst error.
 */
export function formatSimDuration(ms: number): string {
  return formatSim(ms, Math.round);
}
