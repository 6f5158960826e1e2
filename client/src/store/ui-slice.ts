import type { FlowDoc, Problem, RuntimeItem } from '@eventflow/shared';
import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './store';

export type Theme = 'light' | 'dark';
export type ServerStatus = 'checking' | 'online' | 'offline';

/** The one modal dialog open at a time. */
export type Dialog =
  | { type: 'files'; tab: 'library' | 'examples' }
  | { type: 'import' }
  /** `openable`: the document fits the schema, so "Open anyway" may load it with its problems. */
  | { type: 'import-problems'; title: string; problems: Problem[]; openable: boolean }
  | { type: 'save-as' }
  | { type: 'conflict'; doc: FlowDoc }
  | { type: 'restore'; draft: FlowDoc }
  | { type: 'help' }
  /** Joining a workshop; `code` as a join link gave it (empty: typed by hand). */
  | { type: 'join'; code: string }
  | { type: 'start-workshop' }
  | { type: 'end-workshop' }
  /** Asked before anything replaces a document with unsaved work; `action` says what is about to happen. */
  | { type: 'unsaved'; action: string };

export interface UiSlice {
  theme: Theme;
  snapToGrid: boolean;
  dialog: Dialog | null;
  toast: { message: string; tone: 'info' | 'error' } | null;
  server: ServerStatus;
  /** Why the connection being dragged is refused, shown next to the pointer. */
  connectionRefusal: string | null;
  /** Where the next run goes: the simulator or a broker the server offers (`GET /api/runtimes`). */
  runtime: RuntimeItem['id'];
  /** What the server offers; the simulator alone until the list has loaded. */
  runtimes: readonly RuntimeItem[];
  setRuntime: (runtime: RuntimeItem['id']) => void;
  setRuntimes: (list: readonly RuntimeItem[]) => void;
  setTheme: (theme: Theme) => void;
  toggleSnap: () => void;
  openDialog: (dialog: Dialog) => void;
  closeDialog: () => void;
  notify: (message: string, tone?: 'info' | 'error') => void;
  clearToast: () => void;
  setServer: (server: ServerStatus) => void;
  setConnectionRefusal: (reason: string | null) => void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  theme: 'light',
  snapToGrid: true,
  dialog: null,
  toast: null,
  server: 'checking',
  connectionRefusal: null,
  runtime: 'simulator',
  runtimes: [{ id: 'simulator', label: 'Simulator', limits: [] }],
  setRuntime: (runtime) => set({ runtime }),
  // A runtime the server no longer offers falls back to the simulator rather than failing the next Play.
  setRuntimes: (runtimes) =>
    set((s) => ({ runtimes, runtime: runtimes.some((r) => r.id === s.runtime) ? s.runtime : 'simulator' })),
  setTheme: (theme) => set({ theme }),
  toggleSnap: () => set((s) => ({ snapToGrid: !s.snapToGrid })),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  notify: (message, tone = 'info') => set({ toast: { message, tone } }),
  clearToast: () => set({ toast: null }),
  setServer: (server) => set({ server }),
  setConnectionRefusal: (connectionRefusal) => set({ connectionRefusal }),
});
