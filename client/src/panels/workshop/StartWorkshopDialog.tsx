import { DISPLAY_NAME_MAX } from '@eventflow/shared';
import { useState } from 'react';
import { Modal } from '../../app/Modal';
import { useAppStore } from '../../app/use-app-store';
import { useSession } from '../../app/use-session';

/** Before a workshop opens: the name attendees follow ("Following Ada"), and what is about to be shared. */
export function StartWorkshopDialog({ onClose }: { onClose: () => void }) {
  const session = useSession();
  const flowName = useAppStore((s) => s.meta.name);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const start = async () => {
    if (busy) return;
    setBusy(true);
    const started = await session.startWorkshop(name);
    setBusy(false);
    if (started) onClose();
  };
  return (
    <Modal
      title="Start a workshop"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="ef-btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="ef-btn ef-btn--primary"
            disabled={busy}
            onClick={() => void start()}
          >
            Start workshop
          </button>
        </>
      }
    >
      <p className="ef-join__intro">
        Attendees join with a short code and follow <b>{flowName}</b> live: your runs, the event you select,
        your view. Each can fork it to try it alone.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <div className="ef-field">
          <label className="ef-field__label" htmlFor="presenter-name">
            Your name <span className="ef-field__optional">shown to attendees</span>
          </label>
          <input
            id="presenter-name"
            className="ef-input"
            value={name}
            placeholder="Presenter"
            maxLength={DISPLAY_NAME_MAX}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
      </form>
    </Modal>
  );
}
