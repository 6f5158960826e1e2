import type { Problem } from '@eventflow/shared';
import { useState } from 'react';
import { useFileActions } from '../../app/providers';
import { Modal } from '../../app/Modal';
import { useAppStore } from '../../store/store';

export function ImportProblemsDialog({
  title,
  problems,
  onClose,
}: {
  title: string;
  problems: Problem[];
  onClose: () => void;
}) {
  return (
    <Modal
      title={title}
      onClose={onClose}
      tone="danger"
      footer={
        <button type="button" className="ef-btn ef-btn--primary" onClick={onClose} data-autofocus>
          OK, keep my current flow
        </button>
      }
    >
      <p>
        Nothing was changed. {problems.length} {problems.length === 1 ? 'problem' : 'problems'} found:
      </p>
      <ul className="ef-problem-list" aria-label="Import problems">
        {problems.map((p, i) => (
          <li key={i}>
            <code>{p.path || '(file)'}</code> {p.message}
          </li>
        ))}
      </ul>
    </Modal>
  );
}

export function SaveAsDialog({ onClose }: { onClose: () => void }) {
  const actions = useFileActions();
  const current = useAppStore((s) => s.meta.name);
  const [name, setName] = useState(current);
  const submit = () => name.trim() && void actions.saveAs(name.trim());
  return (
    <Modal
      title="Save as a new flow"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="ef-btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="ef-btn ef-btn--primary" disabled={!name.trim()} onClick={submit}>
            Save copy
          </button>
        </>
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
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && submit()}
        />
      </div>
    </Modal>
  );
}

export function ConflictDialog({ onClose }: { onClose: () => void }) {
  const actions = useFileActions();
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

export function ConfirmNewDialog({ onClose }: { onClose: () => void }) {
  const actions = useFileActions();
  return (
    <Modal
      title="Discard unsaved changes?"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="ef-btn" onClick={onClose}>
            Keep editing
          </button>
          <button type="button" className="ef-btn ef-btn--danger" onClick={() => actions.newFlow(true)}>
            Discard and start new
          </button>
        </>
      }
    >
      <p>
        The current flow has changes that are not saved to the library. You can still undo this afterwards.
      </p>
    </Modal>
  );
}
