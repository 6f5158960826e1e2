import type { Problem } from '@eventflow/shared';
import { useState } from 'react';
import { useSession } from '../../app/use-session';
import { Modal } from '../../app/Modal';
import { useAppStore } from '../../app/use-app-store';
import type { NameTaken } from '../../transport/session';

/** Lists every problem of a file as "path: message"; nothing changes unless the user picks "Open anyway". */
export function ImportProblemsDialog({
  title,
  problems,
  openable,
  onClose,
}: {
  title: string;
  problems: Problem[];
  openable: boolean;
  onClose: () => void;
}) {
  const session = useSession();
  return (
    <Modal
      title={title}
      onClose={onClose}
      tone="danger"
      footer={
        <>
          <button type="button" className="ef-btn ef-btn--primary" onClick={onClose} data-autofocus>
            Cancel
          </button>
          {openable && (
            <button type="button" className="ef-btn" onClick={() => void session.openAnyway()}>
              Open anyway
            </button>
          )}
        </>
      }
    >
      <p>
        Nothing was changed. {problems.length} {problems.length === 1 ? 'problem' : 'problems'} found
        {openable ? '; you can still open it and fix them in the problems panel' : ''}:
      </p>
      <ul className="ef-problem-list" aria-label="Import problems">
        {problems.map((p, i) => (
          <li key={i}>
            <code>{p.path || '(file)'}</code>: {p.message}
          </li>
        ))}
      </ul>
    </Modal>
  );
}

/** Names a new library flow; a name the library already has is not saved over silently: Replace or Keep both. */
export function SaveAsDialog({ onClose }: { onClose: () => void }) {
  const actions = useSession();
  const current = useAppStore((s) => s.meta.name);
  const [name, setName] = useState(current);
  const [taken, setTaken] = useState<string | null>(null);
  const save = async (ifTaken: NameTaken) => {
    const trimmed = name.trim();
    if (!trimmed) return;
    const r = await actions.saveAs(trimmed, ifTaken);
    if ('taken' in r) setTaken(r.taken.name);
  };
  const submit = () => void save('ask');
  return (
    <Modal
      title="Save as a new flow"
      onClose={onClose}
      footer={
        taken === null ? (
          <>
            <button type="button" className="ef-btn" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="ef-btn ef-btn--primary" disabled={!name.trim()} onClick={submit}>
              Save copy
            </button>
          </>
        ) : (
          <>
            <button type="button" className="ef-btn" onClick={() => setTaken(null)}>
              Choose another name
            </button>
            <button type="button" className="ef-btn" onClick={() => void save('keep-both')}>
              Keep both
            </button>
            <button type="button" className="ef-btn ef-btn--danger" onClick={() => void save('replace')}>
              Replace
            </button>
          </>
        )
      }
    >
      <div className="ef-field">
        <label className="ef-field__label" htmlFor="save-as-name">
          Name
        </label>
        <input
          id="save-as-name"
          className="ef-input"
          value={name}
          aria-describedby={taken === null ? undefined : 'save-as-taken'}
          onChange={(e) => {
            setName(e.target.value);
            setTaken(null);
          }}
          onKeyDown={(e) => e.key === 'Enter' && taken === null && submit()}
        />
      </div>
      {taken !== null && (
        <p id="save-as-taken" className="ef-save-as__taken" role="alert">
          The library already has a flow called <b>{taken}</b>. <b>Replace</b> overwrites it with this one;{' '}
          <b>Keep both</b> saves this one under a new name, next to it.
        </p>
      )}
    </Modal>
  );
}

export function ConflictDialog({ onClose }: { onClose: () => void }) {
  const actions = useSession();
  return (
    <Modal
      title="Someone saved a newer version"
      onClose={onClose}
      tone="danger"
      footer={
        <>
          <button type="button" className="ef-btn" onClick={() => void actions.resolveConflict('reload')}>
            Reload theirs
          </button>
          <button type="button" className="ef-btn" onClick={() => void actions.resolveConflict('copy')}>
            Save mine as a copy
          </button>
          <button
            type="button"
            className="ef-btn ef-btn--danger"
            onClick={() => void actions.resolveConflict('overwrite')}
          >
            Overwrite with mine
          </button>
        </>
      }
    >
      <p>
        This flow changed on the server since you opened it. Nothing has been overwritten yet. Choose what to
        keep:
      </p>
      <ul className="ef-bullets">
        <li>
          <b>Reload theirs</b>: discard your changes and open the saved version.
        </li>
        <li>
          <b>Save mine as a copy</b>: keep both; yours becomes a new flow.
        </li>
        <li>
          <b>Overwrite with mine</b>: replace their version with yours.
        </li>
      </ul>
    </Modal>
  );
}

/** Asked before anything replaces a document with unsaved work. Cancel is the default: nothing is lost by a stray Enter. */
export function UnsavedDialog({ action }: { action: string }) {
  const session = useSession();
  const cancel = () => void session.resolveUnsaved('cancel');
  return (
    <Modal
      title="Unsaved changes"
      onClose={cancel}
      footer={
        <>
          <button type="button" className="ef-btn" data-autofocus onClick={cancel}>
            Cancel
          </button>
          <button
            type="button"
            className="ef-btn ef-btn--danger"
            onClick={() => void session.resolveUnsaved('discard')}
          >
            Discard
          </button>
          <button
            type="button"
            className="ef-btn ef-btn--primary"
            onClick={() => void session.resolveUnsaved('save')}
          >
            Save
          </button>
        </>
      }
    >
      <p>
        The current flow has changes that are not saved to the library. Save them before you {action}? If you
        discard them, Undo still brings them back.
      </p>
    </Modal>
  );
}
