/**
 * Time for a broker run, injected so tests can read it: a broker run is paced by wall time (the broker's
 * interleaving is the point), but nothing in the runtime calls `Date` or timers directly.
 */
export interface RunClock {
  /** Monotonic ms. */
  now(): number;
  /** Epoch ms, for event `time` fields. */
  epochMs(): number;
  sleep(ms: number): Promise<void>;
  /** Lets pending I/O run (a macrotask turn), without waiting for time to pass. */
  turn(): Promise<void>;
}

export const wallClock: RunClock = {
  now: () => performance.now(),
  epochMs: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  turn: () => new Promise((resolve) => setImmediate(resolve)),
};
