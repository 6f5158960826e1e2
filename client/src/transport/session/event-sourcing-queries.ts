import { selectBackInTime } from '../../store/selectors';
import type { AppStore } from '../../store/store';
import type { Channel } from './channel';

/** Reads of projections and stores in the current run, and rebuilding a projection. */
export interface EventSourcingQueries {
  /** Reads a projection's read model as of the hop on screen (the newest one while following live). */
  readProjection: (nodeId: string) => Promise<void>;
  /** Starts a rebuild (from 0, or the newest snapshot); true when the server accepted it. */
  rebuildProjection: (nodeId: string, fromSnapshot: boolean) => Promise<boolean>;
  /** Reads one aggregate's events in a store, for the audit view. */
  readAggregate: (storeNodeId: string, aggregate: string) => Promise<void>;
}

export function createEventSourcingQueries(channel: Channel, store: AppStore): EventSourcingQueries {
  const get = () => store.getState();
  return {
    readProjection: async (nodeId) => {
      const runId = get().run.id;
      if (!runId) return;
      const seq = selectBackInTime(get())?.seq;
      const r = await channel.send('projection:read', {
        runId,
        nodeId,
        ...(seq === undefined ? {} : { seq }),
      });
      // An answer for a run or hop no longer on screen is dropped: the next read is already on its way.
      if (r.ok && get().run.id === runId && selectBackInTime(get())?.seq === seq)
        get().setReadModel(runId, r.value);
    },
    rebuildProjection: async (nodeId, fromSnapshot) => {
      const runId = get().run.id;
      if (!runId) return false;
      const r = await channel.send('projection:rebuild', { runId, nodeId, fromSnapshot });
      if (get().run.id !== runId) return false;
      if (!r.ok) get().notify(`Rebuild refused: ${r.message}`, 'error');
      return r.ok;
    },
    readAggregate: async (storeNodeId, aggregate) => {
      const runId = get().run.id;
      if (!runId) return;
      const r = await channel.send('store:aggregate', { runId, nodeId: storeNodeId, aggregate });
      if (get().run.id !== runId) return;
      if (r.ok) get().setAudit(runId, r.value);
      else get().notify(`Audit refused: ${r.message}`, 'error');
    },
  };
}
