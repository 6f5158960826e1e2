import { flowRevision, RunRef, topologyKey, type FlowDoc } from '@eventflow/shared';
import { runCleared } from '../../store/run-cleared';
import type { AppStore } from '../../store/store';
import type { Channel } from './channel';

/** Per tab (sessionStorage), beside the session token: the run on screen, so a reload can pick it up again. */
export const RUN_STORAGE_KEY = 'eventflow.run';
export type RunMemory = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The run a reload interrupted, and the `topologyKey` of the drawing it runs: only that drawing can show it. */
export interface RememberedRun {
  runId: string;
  topology: string;
}

export const RUN_GONE =
  'The run from before the reload has ended: the server keeps a run nobody watches for a minute. Press Play to start again.';

// Storage may be disabled or full: remembering the run is a convenience, never a reason to fail.
const safely = (f: () => void) => {
  try {
    f();
  } catch {
    // nothing to do: the run simply is not resumed after a reload
  }
};

export function readRememberedRun(memory: RunMemory | null): RememberedRun | null {
  try {
    const raw = memory?.getItem(RUN_STORAGE_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as { runId?: unknown; topology?: unknown };
    const ref = RunRef.safeParse({ runId: value.runId });
    return ref.success && typeof value.topology === 'string'
      ? { runId: ref.data.runId, topology: value.topology }
      : null;
  } catch {
    return null;
  }
}

export function forgetRun(memory: RunMemory | null): void {
  safely(() => memory?.removeItem(RUN_STORAGE_KEY));
}

/** Writes the current run to `memory` whenever it changes, and forgets it when the run is cleared. */
export function rememberRuns(store: AppStore, memory: RunMemory | null): () => void {
  if (!memory) return () => undefined;
  return store.subscribe((next, prev) => {
    const { id, topology } = next.run;
    if (id === prev.run.id && topology === prev.run.topology) return;
    if (id && topology) {
      const value: RememberedRun = { runId: id, topology };
      safely(() => memory.setItem(RUN_STORAGE_KEY, JSON.stringify(value)));
    } else if (prev.run.id) forgetRun(memory);
  });
}

/** Whether `doc` is the drawing the remembered run was started with (a reload restores the tab's draft). */
export const isRunOf = (run: RememberedRun, doc: FlowDoc) => topologyKey(doc) === run.topology;

/**
 * Takes up a run again after a reload: it becomes the current run, and `run:resync` from seq 1 joins its
 * stream and brings every recorded hop; the server then says where the run stands (`run:state`). A run the
 * server no longer has is cleared and the user is told. Returns whether the run is on screen again.
 */
export async function resumeRun(channel: Channel, store: AppStore, run: RememberedRun): Promise<boolean> {
  const get = () => store.getState();
  const doc = get().present;
  get().runStarting(null, get().run.speed, { topology: run.topology, revision: flowRevision(doc) });
  // Current before the answer: the `run:state` that follows the resync is then applied, not dropped.
  get().runStarted(run.runId, true, performance.now(), null);
  const r = await channel.send('run:resync', { runId: run.runId, fromSeq: 1 });
  if (get().run.id !== run.runId) return false; // the user moved on while it was on its way
  if (!r.ok) {
    store.setState(runCleared(get(), { keepRun: false }));
    get().notify(RUN_GONE, 'error');
    return false;
  }
  get().appendHops(r.value.hops, !r.value.complete);
  return true;
}
