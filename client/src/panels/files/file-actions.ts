import type { FlowDoc } from '@eventflow/shared';
import { EMPTY_DOC } from '../../model/flow-doc';
import { downloadText } from '../../canvas/export-image';
import { layoutFlow } from '../../canvas/layout';
import type { AppStore } from '../../store/store';
import { ApiError, api } from '../../transport/api';
import { exportFileName, parseImport, readFlowValue, serializeFlow } from '../../model/import-flow';

/** What the toolbar, dialogs and shortcuts do with files. Async work lives here, not in the store. */
export function createFileActions(store: AppStore) {
  const s = () => store.getState();

  const fail = (what: string, e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    s().notify(`${what}: ${message}`, 'error');
  };

  /** Lays out a freshly loaded flow when the file had no positions, so nothing is stacked. */
  const layoutIfUnplaced = async (raw: FlowDoc) => {
    if (raw.nodes.every((n) => n.position)) return;
    const { nodes, edges } = s();
    s().applyPositions(await layoutFlow(nodes, edges));
  };

  const loadParsed = async (
    raw: unknown,
    origin: { flowId: string | null; revision: number | null },
    what: string,
  ) => {
    const parsed = readFlowValue(raw);
    if (!parsed.ok) {
      s().openDialog({ type: 'import-problems', title: `${what} has problems`, problems: parsed.problems });
      return false;
    }
    s().loadDoc(parsed.doc, { ...origin, saved: origin.flowId !== null });
    await layoutIfUnplaced(parsed.doc);
    return true;
  };

  const save = async (): Promise<void> => {
    const { flowId, revision, present } = s();
    try {
      if (flowId === null || revision === null) {
        const created = await api.createFlow(present);
        s().markSaved(created.id, created.revision);
      } else {
        const updated = await api.updateFlow(flowId, revision, present);
        s().markSaved(updated.id, updated.revision);
      }
      s().notify(`Saved “${present.name}”`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) s().openDialog({ type: 'conflict', doc: present });
      else if (e instanceof ApiError && e.problems.length) {
        s().openDialog({
          type: 'import-problems',
          title: 'The server refused to save this flow',
          problems: e.problems,
        });
      } else fail('Save failed', e);
    }
  };

  return {
    save,
    saveAs: async (name: string) => {
      const doc = { ...s().present, name };
      try {
        const created = await api.createFlow(doc);
        s().setName(name);
        s().markSaved(created.id, created.revision);
        s().closeDialog();
        s().notify(`Saved as “${name}”`);
      } catch (e) {
        fail('Save as failed', e);
      }
    },
    newFlow: (force = false) => {
      if (s().dirty && !force) {
        s().openDialog({ type: 'confirm-new' });
        return;
      }
      s().loadDoc(EMPTY_DOC, { flowId: null, revision: null, saved: true }, true);
      s().closeDialog();
    },
    open: async (id: string) => {
      try {
        const stored = await api.getFlow(id);
        if (await loadParsed(stored.flow, { flowId: stored.id, revision: stored.revision }, 'This flow'))
          s().closeDialog();
      } catch (e) {
        fail('Open failed', e);
      }
    },
    openExample: async (id: string) => {
      try {
        const example = await api.getExample(id);
        // An example is a template: opening it starts a new, unsaved flow.
        if (await loadParsed(example.flow, { flowId: null, revision: null }, 'This example'))
          s().closeDialog();
      } catch (e) {
        fail('Open example failed', e);
      }
    },
    remove: async (id: string) => {
      try {
        await api.deleteFlow(id);
        if (s().flowId === id) s().loadDoc(s().present, { flowId: null, revision: null, saved: false });
        s().notify('Flow deleted');
      } catch (e) {
        fail('Delete failed', e);
      }
    },
    /** 409 resolution: keep mine (overwrite theirs), take theirs, or keep both. */
    resolveConflict: async (choice: 'overwrite' | 'reload' | 'copy') => {
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
          if (choice === 'reload')
            await loadParsed(theirs.flow, { flowId, revision: theirs.revision }, 'The saved flow');
          else {
            const updated = await api.updateFlow(flowId, theirs.revision, present);
            s().markSaved(updated.id, updated.revision);
          }
        }
        s().closeDialog();
      } catch (e) {
        fail('Could not resolve the conflict', e);
      }
    },
    /** Import replaces the flow (undoably) only when the text is a valid flow; otherwise lists every problem. */
    importText: async (text: string, source: string) => {
      const result = parseImport(text);
      if (!result.ok) {
        s().openDialog({
          type: 'import-problems',
          title: `${result.title} (${source})`,
          problems: result.problems,
        });
        return false;
      }
      s().loadDoc(result.doc, { flowId: null, revision: null, saved: false }, true);
      await layoutIfUnplaced(result.doc);
      s().closeDialog();
      s().notify(`Imported “${result.doc.name}”`);
      return true;
    },
    exportFlow: () => {
      const doc = s().present;
      downloadText(serializeFlow(doc), exportFileName(doc.name));
    },
  };
}

export type FileActions = ReturnType<typeof createFileActions>;
