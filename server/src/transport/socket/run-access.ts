import { randomBytes, timingSafeEqual } from 'node:crypto';

/** What a command needs: `owner` to change a run, `viewer` to read it (the owner may always read). */
export type Access = 'owner' | 'viewer';
export type AccessVerdict = 'ok' | 'forbidden' | 'unknown-run';

interface RunEntry {
  owner: string;
  flowRevision: string | undefined;
  viewKey?: string;
  viewers: Set<string>;
}

/**
 * Who may do what with each run, by session id. Kept here rather than in the run service so a run's owner is
 * recorded the moment `run:start` succeeds; `exists` tells a run nobody here knows from one that is gone.
 */
export interface RunAccess {
  /** Called as soon as the run is accepted, before any of its output can be streamed. */
  recordOwner(runId: string, owner: string, flowRevision?: string): void;
  /** For when the revision is known only once the run has started (computed by its worker). */
  setFlowRevision(runId: string, flowRevision: string): void;
  check(sessionId: string, runId: string, need: Access): AccessVerdict;
  /** The run's view key, created on the first share; the owner check is the caller's. */
  share(runId: string): string | undefined;
  /** Grants `viewer` to the session when the key is the run's. */
  watch(sessionId: string, runId: string, viewKey: string): AccessVerdict;
  flowRevision(runId: string): string | undefined;
}

const sameKey = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function createRunAccess(exists: (runId: string) => boolean): RunAccess {
  const runs = new Map<string, RunEntry>();

  /** Entries of runs the service has disposed or evicted go, so the table stays as small as the live runs. */
  const prune = () => {
    for (const runId of runs.keys()) if (!exists(runId)) runs.delete(runId);
  };

  const entryOf = (runId: string): RunEntry | 'unknown-run' | 'forbidden' => {
    const entry = runs.get(runId);
    if (entry && exists(runId)) return entry;
    if (entry) runs.delete(runId);
    // A run that exists but has no entry was never started through a session here: nobody may touch it.
    return exists(runId) ? 'forbidden' : 'unknown-run';
  };

  return {
    recordOwner(runId, owner, flowRevision) {
      prune();
      runs.set(runId, { owner, flowRevision, viewers: new Set() });
    },
    check(sessionId, runId, need) {
      const entry = entryOf(runId);
      if (typeof entry === 'string') return entry;
      if (entry.owner === sessionId) return 'ok';
      return need === 'viewer' && entry.viewers.has(sessionId) ? 'ok' : 'forbidden';
    },
    share(runId) {
      const entry = runs.get(runId);
      if (!entry) return undefined;
      entry.viewKey ??= randomBytes(24).toString('base64url');
      return entry.viewKey;
    },
    watch(sessionId, runId, viewKey) {
      const entry = entryOf(runId);
      if (typeof entry === 'string') return entry;
      if (entry.owner === sessionId) return 'ok';
      if (entry.viewKey === undefined || !sameKey(entry.viewKey, viewKey)) return 'forbidden';
      entry.viewers.add(sessionId);
      return 'ok';
    },
    setFlowRevision(runId, flowRevision) {
      const entry = runs.get(runId);
      if (entry) entry.flowRevision = flowRevision;
    },
    flowRevision: (runId) => runs.get(runId)?.flowRevision,
  };
}
