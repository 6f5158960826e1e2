import { ArrowLeftToLine, Crosshair, Eye, GitFork, Pencil } from 'lucide-react';
import { useAppStore } from '../../app/use-app-store';
import { useSession } from '../../app/use-session';
import './follow.css';

/** Over the attendee's canvas: whether it follows the presenter, and the way back when it does not. */
export function FollowBanner() {
  const session = useSession();
  const me = useAppStore((s) => (s.room?.role === 'attendee' && !s.room.ended ? s.room.me : null));
  const presenter = useAppStore((s) => s.room?.presenterName ?? '');
  if (!me) return null;
  if (me.mode === 'sandbox')
    return (
      <div className="ef-follow is-sandbox" role="status" data-testid="follow.indicator" data-mode="sandbox">
        <Pencil size={14} aria-hidden /> <span>Your sandbox: only you see it</span>
        <button type="button" className="ef-btn ef-btn--small" onClick={session.backToPresenter}>
          <ArrowLeftToLine size={14} aria-hidden /> Back to the presenter
        </button>
      </div>
    );
  const following = me.mode === 'following';
  return (
    <div
      className={`ef-follow${following ? ' is-following' : ' is-free'}`}
      role="status"
      data-testid="follow.indicator"
      data-mode={me.mode}
    >
      <Eye size={14} aria-hidden />
      <span>{following ? `Following ${presenter}` : `Not following ${presenter}: you moved the view`}</span>
      {!following && (
        <button type="button" className="ef-btn ef-btn--small ef-btn--primary" onClick={session.followAgain}>
          <Crosshair size={14} aria-hidden /> Follow again
        </button>
      )}
      <button type="button" className="ef-btn ef-btn--small" onClick={session.fork}>
        <GitFork size={14} aria-hidden /> Fork
      </button>
    </div>
  );
}
