import { topologyKey, type FlowDoc } from '@eventflow/shared';
import type { RunPhase } from '../../store/run-slice';
import type { AppState, AppStore } from '../../store/store';
import { selectWatchesPresenter } from '../../store/room-slice';
import type { Channel } from './channel';

const LIVE: ReadonlySet<RunPhase> = new Set(['running', 'paused']);
export const isLive = (s: AppState) => s.run.id !== null && LIVE.has(s.run.phase);
/** A run exists whose trace is on screen or on its way: an edit of the drawing must end it. */
const hasRun = (s: AppState) => s.run.id !== null || s.run.phase === 'starting';

/**
 * Watches the committed document. A change of topology (`topologyKey`) ends the run: the engine cannot
 * apply it, and the trace on screen would name nodes that are gone. Any other config change of a live run
 * goes to the engine as `node:update`, which applies it in place.
 */
export function watchDrawing(channel: Channel, store: AppStore, onTopologyChange: () => void): () => void {
  return store.subscribe((next, prev) => {
    // A followed presenter's flow changes with the presenter's run: neither is this tab's to end or update.
    if (next.present === prev.present || !hasRun(next) || selectWatchesPresenter(next)) return;
    if (next.run.topology !== null && topologyKey(next.present) !== next.run.topology) {
      onTopologyChange();
      return;
    }
    const id = next.run.id;
    if (id && isLive(next)) sendConfigChanges(channel, store, id, prev.present, next.present);
  });
}

/** `node:update` for every node whose config differs between two documents of the same topology. */
export function sendConfigChanges(
  channel: Channel,
  store: AppStore,
  runId: string,
  from: FlowDoc,
  to: FlowDoc,
) {
  const before = new Map(from.nodes.map((n) => [n.id, JSON.stringify(n.config)]));
  for (const n of to.nodes) {
    const old = before.get(n.id);
    if (old === undefined || old === JSON.stringify(n.config)) continue;
    void channel
      .send('node:update', { runId, nodeId: n.id, config: n.config as Record<string, unknown> })
      .then((r) => {
        if (!r.ok && store.getState().run.id === runId)
          store.getState().notify(`Live change not applied: ${r.message}`, 'error');
      });
  }
}
