import type { FlowDoc, Problem } from '@eventflow/shared';
import type { StateCreator } from 'zustand/vanilla';
import { EMPTY_DOC, fromFlowDoc, toFlowDoc } from '../model/flow-doc';
import type { AppState } from './store';
import { validateDoc, validationOf, type Validation } from './validate';

const HISTORY_LIMIT = 200;

/** The undo-merge key of the load that bumped `docEpoch` to `epoch`. */
export const loadKey = (epoch: number) => `load:${epoch}`;

export interface LoadOrigin {
  flowId: string | null;
  revision: number | null;
  /** True when the document equals what the server (or an example) holds, so it is not "unsaved". */
  saved: boolean;
  /** What the document was last saved as, when known (a restored draft); overrides `saved`. */
  savedJson?: string;
}

/** Which library flow the document is, and what it was last saved as. */
export interface FileRef {
  flowId: string | null;
  revision: number | null;
  savedJson: string;
}

/** One undo step: a document and the file it belonged to, so undoing an "open" also restores which flow Save writes to. */
export interface Snapshot {
  doc: FlowDoc;
  file: FileRef;
}

export interface DocumentSlice {
  /** The last committed document: what undo returns from and what autosave writes. */
  present: FlowDoc;
  presentJson: string;
  past: Snapshot[];
  future: Snapshot[];
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
  /**
   * Replaces the whole document; the one it replaces stays one Undo away. `checked` is every problem
   * `validateFlow` found in `doc` when the caller has just checked it (an import): the document is not
   * validated a second time (0037).
   */
  loadDoc: (doc: FlowDoc, origin: LoadOrigin, checked?: readonly Problem[]) => void;
  markSaved: (flowId: string, revision: number) => void;
  /** The library copy is gone (deleted): the document stays, as unsaved work. */
  forgetFile: () => void;
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
  const settle = (doc: FlowDoc, json: string, savedJson = get().savedJson, checked?: readonly Problem[]) => ({
    present: doc,
    presentJson: json,
    validation: checked ? validationOf(checked, doc) : validateDoc(doc),
    dirty: json !== savedJson,
  });
  const fileNow = (): FileRef => {
    const { flowId, revision, savedJson } = get();
    return { flowId, revision, savedJson };
  };
  const snapshot = (): Snapshot => ({ doc: get().present, file: fileNow() });
  /**
   * Moves to another step. Within one file the current saved state stays authoritative (a save after an
   * edit must not be forgotten by undo); across a load, the step's own file comes back with it.
   */
  const moveTo = (to: Snapshot) => {
    const file = to.file.flowId === get().flowId ? fileNow() : to.file;
    showDoc(to.doc);
    set({ ...file, ...settle(to.doc, JSON.stringify(to.doc), file.savedJson), lastKey: null });
  };

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
        past: merge ? s.past : [...s.past, snapshot()].slice(-HISTORY_LIMIT),
        future: [],
        lastKey: key ?? null,
      });
    },
    undo: () => {
      const { past, future } = get();
      const prev = past[past.length - 1];
      if (!prev) return;
      const here = snapshot();
      moveTo(prev);
      set({ past: past.slice(0, -1), future: [here, ...future] });
    },
    redo: () => {
      const { past, future } = get();
      const next = future[0];
      if (!next) return;
      const here = snapshot();
      moveTo(next);
      set({ past: [...past, here], future: future.slice(1) });
    },
    loadDoc: (doc, origin, checked) => {
      const s = get();
      const before = snapshot();
      const view = fromFlowDoc(doc);
      // Positions may have been filled in, so the committed document is re-derived from the canvas.
      const next = toFlowDoc(view.meta, view.nodes, view.edges);
      const json = JSON.stringify(next);
      const savedJson =
        origin.savedJson ?? (origin.saved ? json : origin.flowId === s.flowId ? s.savedJson : '');
      set({
        meta: view.meta,
        nodes: view.nodes,
        edges: view.edges,
        flowId: origin.flowId,
        revision: origin.revision,
        savedJson,
        docEpoch: s.docEpoch + 1,
        // Filling in positions changes nothing the validation reads, so the caller's problems hold for `next`.
        ...settle(next, json, savedJson, checked),
        past: [...s.past, before].slice(-HISTORY_LIMIT),
        future: [],
        // The layout that may follow joins this step, so one Undo takes the whole load back.
        lastKey: loadKey(s.docEpoch + 1),
      });
    },
    markSaved: (flowId, revision) => set({ flowId, revision, savedJson: get().presentJson, dirty: false }),
    forgetFile: () => set({ flowId: null, revision: null, savedJson: '', dirty: true }),
  };
};
