import './workshop.css';
import { DISPLAY_NAME_MAX } from '@eventflow/shared';
import { useState } from 'react';
import { Modal } from '../../app/Modal';
import { useSession } from '../../app/use-session';

/** Join a workshop: the code (from a join link, or typed off the projector) and the name others see. */
export function JoinDialog({ code: given, onClose }: { code: string; onClose: () => void }) {
  const session = useSession();
  const [code, setCode] = useState(given);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const r = await session.joinWorkshop(code, name);
    setBusy(false);
    if (r.ok) onClose();
    else setError(r.message);
  };
  return (
    <Modal
      title="Join a workshop"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="ef-btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="ef-btn ef-btn--primary"
            disabled={busy || !code.trim() || !name.trim()}
            onClick={() => void submit()}
          >
            Join
          </button>
        </>
      }
    >
      <p className="ef-join__intro">
        Follow the presenter’s flow live, then fork it to try it yourself. Your own drafts stay in this
        browser.
      </p>
      <form
        className="ef-join"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="ef-field">
          <label className="ef-field__label" htmlFor="join-code">
            Workshop code
          </label>
          <input
            id="join-code"
            className="ef-input ef-join__code"
            value={code}
            placeholder="ABC-234"
            autoComplete="off"
            spellCheck={false}
            maxLength={32}
            {...(given ? {} : { 'data-autofocus': true })}
            onChange={(e) => {
              setCode(e.target.value.toUpperCase());
              setError(null);
            }}
          />
        </div>
        <div className="ef-field">
          <label className="ef-field__label" htmlFor="join-name">
            Your name
          </label>
          <input
            id="join-name"
            className="ef-input"
            value={name}
            placeholder="Shown to the presenter"
            maxLength={DISPLAY_NAME_MAX}
            {...(given ? { 'data-autofocus': true } : {})}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
          />
        </div>
        {/* A hidden submit button lets Enter in either field join. */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </form>
      {error && (
        <p className="ef-join__error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
