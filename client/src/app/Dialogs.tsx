import { useCallback } from 'react';
import { FilesDialog } from '../panels/files/FilesDialog';
import {
  ConflictDialog,
  ImportProblemsDialog,
  SaveAsDialog,
  UnsavedDialog,
} from '../panels/files/FileDialogs';
import { ImportDialog } from '../panels/files/ImportDialog';
import { selectDialog } from '../store/selectors';
import { useAppStore, useAppStoreApi } from './use-app-store';
import { HelpDialog } from './HelpDialog';
import { Modal } from './Modal';
import { discardDraft, readDraft } from './use-draft';
import { useSession } from './use-session';
import { JoinDialog } from '../panels/workshop/JoinDialog';
import { EndWorkshopDialog } from '../panels/workshop/EndWorkshopDialog';
import { StartWorkshopDialog } from '../panels/workshop/StartWorkshopDialog';

function RestoreDraftDialog({ name, nodes }: { name: string; nodes: number }) {
  const store = useAppStoreApi();
  const session = useSession();
  const close = useCallback(() => {
    discardDraft();
    store.getState().closeDialog();
  }, [store]);
  return (
    <Modal
      title="Restore draft?"
      onClose={close}
      footer={
        <>
          <button type="button" className="ef-btn" onClick={close}>
            Discard draft
          </button>
          <button
            type="button"
            className="ef-btn ef-btn--primary"
            data-autofocus
            onClick={() => {
              const draft = readDraft();
              // The session closes this dialog once the draft is on screen (the autosave waits until then).
              if (!draft) store.getState().closeDialog();
              else
                void session.openDocument(
                  draft.doc,
                  {
                    flowId: draft.flowId,
                    revision: draft.revision,
                    saved: false,
                    savedJson: draft.savedJson,
                  },
                  'restore the draft',
                );
            }}
          >
            Restore draft
          </button>
        </>
      }
    >
      <p>
        You were working on <b>{name}</b> ({nodes} nodes) when this tab closed. Pick up where you left off?
      </p>
    </Modal>
  );
}

/** The one modal dialog the store says is open. */
export function Dialogs() {
  const dialog = useAppStore(selectDialog);
  const close = useAppStore((s) => s.closeDialog);
  if (!dialog) return null;
  switch (dialog.type) {
    case 'files':
      return <FilesDialog tab={dialog.tab} onClose={close} />;
    case 'import':
      return <ImportDialog onClose={close} />;
    case 'import-problems':
      return (
        <ImportProblemsDialog
          title={dialog.title}
          problems={dialog.problems}
          openable={dialog.openable}
          onClose={close}
        />
      );
    case 'save-as':
      return <SaveAsDialog onClose={close} />;
    case 'conflict':
      return <ConflictDialog onClose={close} />;
    case 'unsaved':
      return <UnsavedDialog action={dialog.action} />;
    case 'help':
      return <HelpDialog onClose={close} />;
    case 'join':
      return <JoinDialog code={dialog.code} onClose={close} />;
    case 'start-workshop':
      return <StartWorkshopDialog onClose={close} />;
    case 'end-workshop':
      return <EndWorkshopDialog onClose={close} />;
    case 'restore':
      return <RestoreDraftDialog name={dialog.draft.name} nodes={dialog.draft.nodes.length} />;
  }
}
