/** What slot accounting needs to know of each live or reserved run. */
export interface SlotView {
  runId: string;
  /** Opaque id of the client (session) that started the run. */
  owner: string;
  /** completed, stopped or failed: its slot may be taken back. */
  ended: boolean;
  /** Start order; lower is older. */
  started: number;
}

export interface SlotLimits {
  /** Runs with a worker at once, server-wide. */
  maxRuns: number;
  /** Runs with a worker at once per owner: no client can take the whole server. */
  maxRunsPerOwner: number;
}

export type SlotVerdict = { ok: true; evict: string[] } | { ok: false; message: string };

function oldestEnded(runs: readonly SlotView[], skip: ReadonlySet<string>): SlotView | undefined {
  let oldest: SlotView | undefined;
  for (const run of runs) {
    if (run.ended && !skip.has(run.runId) && (!oldest || run.started < oldest.started)) oldest = run;
  }
  return oldest;
}

/**
 * Whether `owner` may start one more run, and which ended runs must be disposed to make room. The owner's
 * own ended runs go first; only a full server takes back another owner's ended run. Live runs are never
 * evicted: a full share or a full server is refused with what to do about it.
 */
export function admitRun(runs: readonly SlotView[], owner: string, limits: SlotLimits): SlotVerdict {
  const evict = new Set<string>();
  const mine = runs.filter((r) => r.owner === owner);
  if (mine.length >= limits.maxRunsPerOwner) {
    const victim = oldestEnded(mine, evict);
    if (!victim) {
      return {
        ok: false,
        message: `this client has ${mine.length} live ${mine.length === 1 ? 'run' : 'runs'} (at most ${limits.maxRunsPerOwner} at once); stop one to start another`,
      };
    }
    evict.add(victim.runId);
  }
  if (runs.length - evict.size >= limits.maxRuns) {
    const victim = oldestEnded(runs, evict);
    if (!victim) {
      return {
        ok: false,
        message: `the server is running its maximum of ${limits.maxRuns} runs; try again when one ends`,
      };
    }
    evict.add(victim.runId);
  }
  return { ok: true, evict: [...evict] };
}
