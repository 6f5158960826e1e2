import { ArrowLeftToLine, Crosshair, GitFork, LogOut, Users } from 'lucide-react';
import { useAppStore } from '../../app/use-app-store';
import { useSession } from '../../app/use-session';
import { formatJoinCode } from '../../model/join-code';
import './follow.css';

/** The attendee's side panel while following: whom they follow, and what they may do instead. */
export function AttendeePanel() {
  const session = useSession();
  const room = useAppStore((s) => (s.room?.role === 'attendee' ? s.room : null));
  if (!room?.me) return null;
  const { mode } = room.me;
  return (
    <aside className="ef-inspector ef-attendee" aria-label="Workshop">
      <section className="ef-inspector__section">
        <h2 className="ef-attendee__title">Workshop {formatJoinCode(room.code)}</h2>
        <p className="ef-attendee__who">
          {room.presenterName} presents{' '}
          <span className="ef-attendee__count" title="People in the room">
            <Users size={13} aria-hidden /> {room.attendeeCount}
          </span>
        </p>
        {!room.presenterConnected && (
          <p className="ef-attendee__note" role="status">
            Waiting for {room.presenterName} to reconnect…
          </p>
        )}
        {mode === 'sandbox' ? (
          <>
            <p>
              This is your own copy: edit it and press Play. Nobody else sees it, and it is kept as a draft in
              this browser.
            </p>
            <button type="button" className="ef-btn ef-btn--primary" onClick={session.backToPresenter}>
              <ArrowLeftToLine size={14} aria-hidden /> Back to the presenter
            </button>
          </>
        ) : (
          <>
            <p>
              You see {room.presenterName}’s flow and run live: the selected event, the current hop and the
              view. The canvas is read-only; fork it to try changes yourself.
            </p>
            {mode === 'free' && (
              <button type="button" className="ef-btn ef-btn--primary" onClick={session.followAgain}>
                <Crosshair size={14} aria-hidden /> Follow again
              </button>
            )}
            <button type="button" className="ef-btn" onClick={session.fork}>
              <GitFork size={14} aria-hidden /> Fork to try it myself
            </button>
          </>
        )}
        <button type="button" className="ef-btn ef-btn--ghost" onClick={() => void session.leaveWorkshop()}>
          <LogOut size={14} aria-hidden /> Leave the workshop
        </button>
      </section>
    </aside>
  );
}
