import { CircleDot, Play } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../app/use-app-store';
import { useSession } from '../app/use-session';
import { formatSimTime } from '../model/format';
import '../trace/breakpoints.css';

/** "Paused at breakpoint …" over the canvas while the run waits at one, with Continue (the run's Play). */
export function BreakpointBanner() {
  const c = useSession();
  const { hit, paused, hop, node } = useAppStore(
    useShallow((s) => {
      const h = s.breakpointHit;
      const sel = s.selection?.path?.hops[s.selection.index];
      const at = sel?.seq === h?.seq ? sel : s.live.hops.find((x) => x.seq === h?.seq);
      const n = at ? s.nodes.find((x) => x.id === at.node) : undefined;
      return { hit: h, paused: s.run.phase === 'paused', hop: at, node: n?.data.label || at?.node };
    }),
  );
  if (!hit || !paused) return null;
  return (
    <div className="ef-break-banner" role="status" aria-label="Paused at breakpoint">
      <CircleDot size={16} className="ef-break-banner__icon" aria-hidden />
      <div className="ef-break-banner__text">
        <strong title={hit.name}>Paused at breakpoint “{hit.name}”</strong>
        <span>
          {hit.event}
          {hop ? ` · ${hop.type} at ${node ?? hop.node} · ${formatSimTime(hop.t)}` : ''} · hop #{hit.seq}
        </span>
      </div>
      <button type="button" className="ef-btn ef-btn--primary ef-btn--small" onClick={() => void c.play()}>
        <Play size={13} aria-hidden /> Continue
      </button>
    </div>
  );
}
