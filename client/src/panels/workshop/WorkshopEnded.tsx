import { useAppStore, useAppStoreApi } from '../../app/use-app-store';
import { useSession } from '../../app/use-session';
import { readDraft } from '../../app/use-draft';
import './follow.css';

/** The attendee's screen once the workshop is over: said plainly, and their fork is still theirs. */
export function WorkshopEnded() {
  const session = useSession();
  const store = useAppStoreApi();
  const room = useAppStore((s) => (s.room?.role === 'attendee' && s.room.ended ? s.room : null));
  if (!room) return null;
  const forked = room.me?.forked ?? false;
  const leave = async (openFork: boolean) => {
    const draft = openFork ? readDraft() : null;
    await session.leaveWorkshop();
    // Nothing runs and nothing on screen is unsaved work of theirs (the fork is the draft): no question to ask.
    if (draft)
      store.getState().loadDoc(draft.doc, {
        flowId: draft.flowId,
        revision: draft.revision,
        saved: false,
        savedJson: draft.savedJson,
      });
  };
  return (
    <div
      className="ef-ended"
      role="alertdialog"
      aria-labelledby="workshop-ended-title"
      data-testid="workshop.ended"
    >
      <div className="ef-ended__card">
        <h2 id="workshop-ended-title">The workshop has ended</h2>
        <p>
          {room.ended === 'expired'
            ? 'Nobody was connected for 30 minutes, so the workshop closed.'
            : `${room.presenterName} ended the workshop.`}{' '}
          {forked
            ? 'Your fork is kept as a draft in this browser.'
            : 'The flow stays on your canvas if you want to keep exploring it.'}
        </p>
        <div className="ef-ended__actions">
          {forked && (
            <button type="button" className="ef-btn ef-btn--primary" onClick={() => void leave(true)}>
              Open my fork
            </button>
          )}
          <button
            type="button"
            className={`ef-btn${forked ? '' : ' ef-btn--primary'}`}
            onClick={() => void leave(false)}
          >
            Keep the presenter’s flow
          </button>
        </div>
      </div>
    </div>
  );
}
