/** What the memory budget needs to know of each run with a worker. */
export interface MemoryView {
  runId: string;
  /** Last bytes its worker reported (0 before the first report). */
  heapBytes: number;
  /** completed, stopped or failed: disposing it loses only a trace nobody is producing any more. */
  ended: boolean;
  /** Already told to end for the budget; neither chosen again nor evicted before its end is reported. */
  ending: boolean;
  /** Start order; lower is older. */
  started: number;
}

export interface MemoryRelief {
  /** Ended runs to dispose, oldest first. */
  evict: string[];
  /** The largest live run, to end with `failed`, when evicting ended runs is not enough. */
  end?: { runId: string; heapBytes: number };
}

export const totalBytes = (runs: readonly MemoryView[]) => runs.reduce((sum, r) => sum + r.heapBytes, 0);

/**
 * What to give up when the runs' reported memory passes the budget: ended runs first (oldest first), then
 * the single largest live run. One run is ended per call: its release is reported before more is decided.
 */
export function relieveMemory(runs: readonly MemoryView[], budgetBytes: number): MemoryRelief {
  let used = totalBytes(runs);
  const relief: MemoryRelief = { evict: [] };
  if (used <= budgetBytes) return relief;
  const ended = runs.filter((r) => r.ended && !r.ending).sort((a, b) => a.started - b.started);
  for (const run of ended) {
    if (used <= budgetBytes) return relief;
    relief.evict.push(run.runId);
    used -= run.heapBytes;
  }
  if (used <= budgetBytes || runs.some((r) => r.ending)) return relief;
  let largest: MemoryView | undefined;
  for (const run of runs) {
    if (!run.ended && (!largest || run.heapBytes > largest.heapBytes)) largest = run;
  }
  if (largest) relief.end = { runId: largest.runId, heapBytes: largest.heapBytes };
  return relief;
}

/** "512 MB", "1.1 GB": what a person reads in a run's end reason. */
export function formatBytes(bytes: number): string {
  const mb = bytes / 2 ** 20;
  if (mb < 1024) return `${Math.max(1, Math.round(mb))} MB`;
  const gb = mb / 1024;
  return `${Number.isInteger(gb) ? gb : gb.toFixed(1)} GB`;
}
