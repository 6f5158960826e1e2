import type { FlowDoc } from '@eventflow/shared';
import type { StateCreator } from 'zustand';
import { EMPTY_DOC, fromFlowDoc, toFlowDoc } from '../model/flow-doc';
import type { AppState } from './store';
import { validateDoc, type Validation } from './validate';

const HISTORY_LIMIT = 200;

export interface LoadOrigin {
  flowId: string | null;
  revision: number | null;
  /** True when the document equals what the server (or an example) holds, so it is not "unsaved". */
  saved: boolean;
}

export interface DocumentSlice {
  /** The last committed document: what undo returns from and what autosave writes. */
  present: FlowDoc;
  presentJson: string;
  past: FlowDoc[];
  future: FlowDoc[];
  /** Consecutive commits with the same key (typing in one field) merge into one undo step. */
  lastKey: string | null;
  validation: Validation;
  flowId: string | null;
  revision: number | null;
  savedJson: string;
  dirty: boolean;
  /** Bumped whenever a whole document is loaded (new, open, import, restore), so the canvas can reframe. */
  docEpoch: number;
  commit: (key?: string) => void;
  undo: () => void;
  redo: () => void;
  /** Replaces the document. `undoable` keeps history (import); otherwise history restarts (new, open). */
  loadDoc: (doc: FlowDoc, origin: LoadOrigin, undoable?: boolean) => void;
  markSaved: (flowId: string, revision: number) => void;
}

const emptyValidation: Validation = { problems: [], byNode: {}, byEdge: {} };

export const createDocumentSlice: StateCreator<AppState, [], [], DocumentSlice> = (set, get) => {
  /** Puts `doc` on the canvas, keeping the selection of ids that survive. */
  const showDoc = (doc: FlowDoc) => {
    const selectedNodes = new Set(
      get()
        .nodes.filter((n) => n.selected)
        .map((n) => n.id),
    );
    const selectedEdges = new Set(
      get()
        .edges.filter((e) => e.selected)
        .map((e) => e.id),
    );
    const view = fromFlowDoc(doc);
    set({
      meta: view.meta,
      nodes: view.nodes.map((n) => (selectedNodes.has(n.id) ? { ...n, selected: true } : n)),
      edges: view.edges.map((e) => (selectedEdges.has(e.id) ? { ...e, selected: true } : e)),
    });
  };
  const settle = (doc: FlowDoc, json: string) => ({
    present: doc,
    presentJson: json,
    validation: validateDoc(doc),
    dirty: json !== get().savedJson,
  });

  return {
    present: EMPTY_DOC,
    presentJson: JSON.stringify(EMPTY_DOC),
    past: [],
    future: [],
    lastKey: null,
    validation: emptyValidation,
    flowId: null,
    revision: null,
    savedJson: JSON.stringify(EMPTY_DOC),
    dirty: false,
    docEpoch: 0,

    commit: (key) => {
      const s = get();
      const doc = toFlowDoc(s.meta, s.nodes, s.edges);
      const json = JSON.stringify(doc);
      if (json === s.presentJson) return;
      const merge = key !== undefined && key === s.lastKey && s.past.length > 0;
      set({
        ...settle(doc, json),
        past: merge ? s.past : [...s.past, s.present].slice(-HISTORY_LIMIT),
        future: [],
        lastKey: key ?? null,
      });
    },
    undo: () => {
      const { past, present, future } = get();
      const prev = past[past.length - 1];
      if (!prev) return;
      showDoc(prev);
      set({
        ...settle(prev, JSON.stringify(prev)),
        past: past.slice(0, -1),
        future: [present, ...future],
        lastKey: null,
      });
    },
    redo: () => {
      const { past, present, future } = get();
      const next = future[0];
      if (!next) return;
      showDoc(next);
      set({
        ...settle(next, JSON.stringify(next)),
        past: [...past, present],
        future: future.slice(1),
        lastKey: null,
      });
    },
    loadDoc: (doc, origin, undoable = false) => {
      const s = get();
      const view = fromFlowDoc(doc);
      set({ meta: view.meta, nodes: view.nodes, edges: view.edges });
      // Positions may have been filled in, so the committed document is re-derived from the canvas.
      const next = toFlowDoc(view.meta, view.nodes, view.edges);
      const json = JSON.stringify(next);
      const savedJson = origin.saved ? json : origin.flowId === s.flowId ? s.savedJson : '';
      set({ flowId: origin.flowId, revision: origin.revision, savedJson, docEpoch: s.docEpoch + 1 });
      set({
        ...settle(next, json),
        past: undoable ? [...s.past, s.present].slice(-HISTORY_LIMIT) : [],
        future: [],
        lastKey: null,
      });
    },
    markSaved: (flowId, revision) => set({ flowId, revision, savedJson: get().presentJson, dirty: false }),
  };
};
