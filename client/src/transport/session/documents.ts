import type { FlowDoc, Problem } from '@eventflow/shared';
import { EMPTY_DOC } from '../../model/flow-doc';
import { parseImport, readFlowValue, type ImportResult } from '../../model/import-flow';
import type { CanvasEdge, CanvasNode } from '../../model/types';
import { loadKey, type LoadOrigin } from '../../store/document-slice';
import type { AppStore } from '../../store/store';
import { ApiError, type Api } from '../api';
import { flowNamed, saveAs, type NameTaken, type SaveAsOutcome } from './save-as';

export type LayoutFn = (
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
) => Promise<Record<string, { x: number; y: number }>>;
export type DocumentsApi = Pick<
  Api,
  'getFlow' | 'getExample' | 'createFlow' | 'updateFlow' | 'deleteFlow' | 'listFlows'
>;
export type UnsavedChoice = 'save' | 'discard' | 'cancel';

/** Everything that replaces, saves or deletes the document on screen. */
export interface Documents {
  /** Replaces the document (asking first when there is unsaved work); ends the current run. */
  openDocument: (doc: FlowDoc, origin: LoadOrigin, action?: string) => Promise<void>;
  newFlow: () => Promise<void>;
  open: (id: string) => Promise<void>;
  openExample: (id: string) => Promise<void>;
  /** A file or pasted JSON; any problem opens the problems dialog and leaves the current work alone. */
  importText: (text: string, source: string) => Promise<boolean>;
  /** Clipboard paste of flow JSON: merges its nodes into the document (an edit, so it may end the run). */
  pasteText: (text: string, offset: { x: number; y: number }) => boolean;
  /** The answer to the "Unsaved changes" dialog. */
  resolveUnsaved: (choice: UnsavedChoice) => Promise<void>;
  /** "Open anyway" in the problems dialog: loads the schema-valid document with its problems. */
  openAnyway: () => Promise<void>;
  save: () => Promise<boolean>;
  /** A new library flow; when the name is taken, `ask` (the default) saves nothing and returns `taken`. */
  saveAs: (name: string, ifTaken?: NameTaken) => Promise<SaveAsOutcome>;
  /** Deletes a library flow; the revision the listing showed must still be current (else 409). */
  remove: (id: string, revision: number) => Promise<void>;
  /** 409 resolution: keep mine (overwrite theirs), take theirs, or keep both. */
  resolveConflict: (choice: 'overwrite' | 'reload' | 'copy') => Promise<void>;
}

interface Replacement {
  doc: FlowDoc;
  /** Every problem the import's check found in `doc`, so loading it does not check it again. */
  checked?: readonly Problem[];
  origin: LoadOrigin;
  action: string;
  done?: string;
}

export function createDocuments(deps: {
  store: AppStore;
  api: DocumentsApi;
  layout: LayoutFn;
  /** Ends the current run and clears its trace: called before any document replaces another. */
  endRun: () => void;
}): Documents {
  const { store, api, layout, endRun } = deps;
  const s = () => store.getState();
  // Continuations the open dialog is waiting on; a dialog's buttons resolve them through the session.
  let unsavedThen: Replacement | null = null;
  let problemsThen: Replacement | null = null;

  const fail = (what: string, e: unknown) =>
    s().notify(`${what}: ${e instanceof Error ? e.message : String(e)}`, 'error');

  /** Lays out a freshly loaded flow when the file had no positions, so nothing is stacked. */
  const layoutIfUnplaced = async (raw: FlowDoc) => {
    if (raw.nodes.every((n) => n.position)) return;
    const epoch = s().docEpoch;
    try {
      const positions = await layout(s().nodes, s().edges);
      if (s().docEpoch === epoch) s().applyPositions(positions, loadKey(epoch));
    } catch (e) {
      fail('Auto-layout failed (the flow is on a grid instead)', e);
    }
  };
  const switchTo = async (r: Replacement) => {
    endRun();
    s().loadDoc(r.doc, r.origin, r.checked);
    s().closeDialog();
    if (r.done) s().notify(r.done);
    await layoutIfUnplaced(r.doc);
  };
  const replace = async (r: Replacement) => {
    if (!s().dirty) return switchTo(r);
    unsavedThen = r;
    s().openDialog({ type: 'unsaved', action: r.action });
  };
  const offerProblems = (
    result: Extract<ImportResult, { ok: false }>,
    r: Omit<Replacement, 'doc'>,
    title: string,
  ) => {
    problemsThen = result.doc ? { ...r, doc: result.doc } : null;
    s().openDialog({ type: 'import-problems', title, problems: result.problems, openable: !!result.doc });
  };
  const loadValue = async (raw: unknown, r: Omit<Replacement, 'doc'>, what: string) => {
    const parsed = readFlowValue(raw);
    if (!parsed.ok) return offerProblems(parsed, r, `${what}: ${parsed.title.replace(/^This flow /, '')}`);
    await replace({ ...r, doc: parsed.doc, checked: parsed.checked });
  };

  const save = async (): Promise<boolean> => {
    const { flowId, revision, present } = s();
    try {
      // A first save under a name the library already has would make a silent twin: ask in "Save as".
      if (flowId === null && (await flowNamed(api, present.name)).match) {
        s().openDialog({ type: 'save-as' });
        return false;
      }
      const saved =
        flowId === null || revision === null
          ? await api.createFlow(present)
          : await api.updateFlow(flowId, revision, present);
      s().markSaved(saved.id, saved.revision);
      s().notify(`Saved “${present.name}”`);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) s().openDialog({ type: 'conflict', doc: present });
      else if (e instanceof ApiError && e.problems.length)
        s().openDialog({
          type: 'import-problems',
          title: 'The server refused to save this flow',
          problems: e.problems,
          openable: false,
        });
      else fail('Save failed', e);
      return false;
    }
  };

  return {
    openDocument: (doc, origin, action = 'open another flow') => replace({ doc, origin, action }),
    newFlow: () =>
      replace({
        doc: EMPTY_DOC,
        origin: { flowId: null, revision: null, saved: true },
        action: 'start a new flow',
      }),
    open: async (id) => {
      try {
        const stored = await api.getFlow(id);
        const origin = { flowId: stored.id, revision: stored.revision, saved: true };
        await loadValue(stored.flow, { origin, action: 'open a saved flow' }, 'This flow');
      } catch (e) {
        fail('Open failed', e);
      }
    },
    openExample: async (id) => {
      try {
        const example = await api.getExample(id);
        // An example is a template: a new flow, not in the library, but with nothing unsaved yet.
        const origin = { flowId: null, revision: null, saved: true };
        await loadValue(example.flow, { origin, action: 'open an example' }, 'This example');
      } catch (e) {
        fail('Open example failed', e);
      }
    },
    importText: async (text, source) => {
      const result = parseImport(text);
      const r = { origin: { flowId: null, revision: null, saved: false }, action: `import ${source}` };
      if (!result.ok) {
        offerProblems(
          result,
          { ...r, done: `Imported “${result.doc?.name ?? source}”` },
          `${result.title} (${source})`,
        );
        return false;
      }
      await replace({
        ...r,
        doc: result.doc,
        checked: result.checked,
        done: `Imported “${result.doc.name}”`,
      });
      return true;
    },
    pasteText: (text, offset) => {
      const result = parseImport(text);
      // A copied selection is a fragment (a lone filter has no input): only a schema failure stops a paste.
      if (result.ok || result.doc) {
        if (result.doc) s().pasteDoc(result.doc, offset);
        return true;
      }
      problemsThen = null;
      s().openDialog({
        type: 'import-problems',
        title: `${result.title} (pasted)`,
        problems: result.problems,
        openable: false,
      });
      return false;
    },
    resolveUnsaved: async (choice) => {
      const next = unsavedThen;
      if (choice === 'cancel' || !next) {
        unsavedThen = null;
        s().closeDialog();
        return;
      }
      // A failed save keeps the question open (or makes way for the conflict dialog): nothing is replaced.
      if (choice === 'save' && !(await save())) return;
      unsavedThen = null;
      await switchTo(next);
    },
    openAnyway: async () => {
      const next = problemsThen;
      problemsThen = null;
      s().closeDialog();
      if (next) await replace(next);
    },
    save: () => save(),
    saveAs: (name, ifTaken = 'ask') => saveAs(store, api, name, ifTaken),
    remove: async (id, revision) => {
      try {
        await api.deleteFlow(id, revision);
        if (s().flowId === id) s().forgetFile();
        s().notify('Flow deleted');
      } catch (e) {
        fail('Delete failed', e);
      }
    },
    resolveConflict: async (choice) => {
      const { flowId, present } = s();
      if (flowId === null) return;
      try {
        if (choice === 'copy') {
          const name = `${present.name} (copy)`;
          const created = await api.createFlow({ ...present, name });
          s().setName(name);
          s().markSaved(created.id, created.revision);
        } else {
          const theirs = await api.getFlow(flowId);
          if (choice === 'reload') {
            const parsed = readFlowValue(theirs.flow);
            // The user chose to drop their version: no second question, and undo still brings it back.
            if (parsed.ok)
              await switchTo({
                doc: parsed.doc,
                origin: { flowId, revision: theirs.revision, saved: true },
                action: 'reload',
              });
            else
              fail('The saved flow cannot be opened', new Error(parsed.problems[0]?.message ?? parsed.title));
          } else {
            const updated = await api.updateFlow(flowId, theirs.revision, present);
            s().markSaved(updated.id, updated.revision);
          }
        }
        s().closeDialog();
      } catch (e) {
        fail('Could not resolve the conflict', e);
      }
    },
  };
}
