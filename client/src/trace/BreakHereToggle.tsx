import { useAppStore } from '../app/use-app-store';
import { useSession } from '../app/use-session';
import { selectBreakHere } from '../store/breakpoint-slice';
import './breakpoints.css';

/** The inspector's "Break here": the node's own breakpoint, paused on at every arrival of an event. */
export function BreakHereToggle({ nodeId, label }: { nodeId: string; label: string }) {
  const c = useSession();
  const own = useAppStore(selectBreakHere(nodeId));
  const others = useAppStore(
    (s) => s.breakpoints.filter((b) => b.node === nodeId && b.id !== own?.id).length,
  );
  return (
    <div className="ef-field ef-break-here">
      <label className="ef-break-here__toggle">
        <input
          type="checkbox"
          checked={own !== undefined}
          onChange={() => c.toggleBreakHere(nodeId, label)}
        />
        <span className="ef-bps__dot" aria-hidden />
        Break here
      </label>
      <span className="ef-break-here__hint">
        {own ? 'The run pauses when an event arrives here.' : 'Pause the run when an event arrives here.'}
        {others > 0 && ` ${others} more with conditions in the Breakpoints tab.`}
      </span>
    </div>
  );
}
