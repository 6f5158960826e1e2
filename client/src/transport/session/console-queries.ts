import { TOPIC_READ_MAX } from '@eventflow/shared';
import type { AppStore } from '../../store/store';
import type { Channel } from './channel';

/** Where a replay starts: an offset on every partition, or a simulated time (ms) mapped per partition. */
export type ReplayFrom = { fromOffset: number } | { fromTime: number };

/** The topic and group console: what a topic retains, and moving a consumer group back over it. */
export interface ConsoleQueries {
  /** Opens the console on a topic node and reads it (if a run is live). */
  openConsole: (nodeId: string) => Promise<void>;
  /** Reads the open console's topic again; an answer that arrives after the run or topic changed is dropped. */
  refreshConsole: () => Promise<void>;
  /** Lists another partition's entries. */
  showPartition: (partition: number) => Promise<void>;
  /** Moves a consumer's group back; true when the server accepted it. The console is read again at once. */
  replayGroup: (consumerNodeId: string, from: ReplayFrom) => Promise<boolean>;
  /** Takes a consumer (or one instance, 0-based) down or brings it back in the live run; true when accepted. */
  setConsumerDown: (consumerNodeId: string, down: boolean, instance?: number) => Promise<boolean>;
}

export function createConsoleQueries(channel: Channel, store: AppStore): ConsoleQueries {
  const get = () => store.getState();

  const refresh = async () => {
    const runId = get().run.id;
    const open = get().topicConsole;
    if (!runId || !open) return;
    const { nodeId, partition } = open;
    const r = await channel.send('topic:read', { runId, nodeId, partition, limit: TOPIC_READ_MAX });
    if (get().run.id !== runId || get().topicConsole?.nodeId !== nodeId) return;
    if (r.ok) get().setConsoleView(runId, r.value);
    else get().setConsoleError(runId, nodeId, r.message);
  };

  return {
    openConsole: async (nodeId) => {
      get().openTopicConsole(nodeId);
      await refresh();
    },
    refreshConsole: refresh,
    showPartition: async (partition) => {
      get().setConsolePartition(partition);
      await refresh();
    },
    replayGroup: async (consumerNodeId, from) => {
      const runId = get().run.id;
      if (!runId) return false;
      const r = await channel.send('group:replay', { runId, nodeId: consumerNodeId, ...from });
      if (get().run.id !== runId) return false;
      if (!r.ok) {
        get().notify(`Replay refused: ${r.message}`, 'error');
        return false;
      }
      await refresh();
      return true;
    },
    setConsumerDown: async (consumerNodeId, down, instance) => {
      const runId = get().run.id;
      if (!runId) return false;
      const r = await channel.send('consumer:set-down', {
        runId,
        nodeId: consumerNodeId,
        down,
        ...(instance === undefined ? {} : { instance }),
      });
      if (get().run.id !== runId) return false;
      if (!r.ok) {
        get().notify(`${down ? 'Taking down' : 'Bringing back'} refused: ${r.message}`, 'error');
        return false;
      }
      await refresh();
      return true;
    },
  };
}
