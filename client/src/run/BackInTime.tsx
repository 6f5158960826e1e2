import { History } from 'lucide-react';
import { useAppStore } from '../app/use-app-store';
import { useSession } from '../app/use-session';
import { selectBackInTime } from '../store/selectors';

/** Says that Step back shows the past (the clock reads that hop's time) and offers the way back to live. */
export function BackInTime() {
  const c = useSession();
  const at = useAppStore((s) => (selectBackInTime(s) ? s.stepCursor : null));
  const count = useAppStore((s) => s.live.hops.length);
  if (at === null) return null;
  return (
    <div className="ef-run__past" role="status" aria-label="Back in time">
      <History size={14} aria-hidden />
      <span>
        Viewing hop {(at + 1).toLocaleString()} of {count.toLocaleString()} · back in time
      </span>
      <button type="button" className="ef-btn ef-btn--small" onClick={c.toLive}>
        Back to live
      </button>
    </div>
  );
}
