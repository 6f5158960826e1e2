import type { TopicView } from '@eventflow/shared';
import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './store';

/** Which partition's entries the console lists, and the last answer of `topic:read` for it. */
export interface TopicConsoleState {
  /** The topic node whose console is open. */
  nodeId: string;
  partition: number;
  /** The run `view` was read from: a view of another run is never shown (see `selectConsoleView`). */
  runId: string | null;
  view: TopicView | null;
  error: string | null;
}

export interface ConsoleSlice {
  topicConsole: TopicConsoleState | null;
  /** Opens (or switches) the console to a topic, on its first partition. */
  openTopicConsole: (nodeId: string) => void;
  closeTopicConsole: () => void;
  setConsolePartition: (partition: number) => void;
  /** Keeps an answer only while the console still shows that topic. */
  setConsoleView: (runId: string, view: TopicView) => void;
  setConsoleError: (runId: string, nodeId: string, message: string) => void;
}

export const createConsoleSlice: StateCreator<AppState, [], [], ConsoleSlice> = (set, get) => ({
  topicConsole: null,
  openTopicConsole: (nodeId) => {
    const open = get().topicConsole;
    if (open?.nodeId === nodeId) return;
    set({ topicConsole: { nodeId, partition: 0, runId: null, view: null, error: null } });
  },
  closeTopicConsole: () => set({ topicConsole: null }),
  setConsolePartition: (partition) => {
    const open = get().topicConsole;
    if (open) set({ topicConsole: { ...open, partition } });
  },
  setConsoleView: (runId, view) => {
    const open = get().topicConsole;
    if (open?.nodeId === view.nodeId) set({ topicConsole: { ...open, runId, view, error: null } });
  },
  setConsoleError: (runId, nodeId, message) => {
    const open = get().topicConsole;
    if (open?.nodeId === nodeId) set({ topicConsole: { ...open, runId, view: null, error: message } });
  },
});
