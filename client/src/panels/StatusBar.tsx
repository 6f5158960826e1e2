import { CircleAlert, CircleCheck, Server, TriangleAlert, Wifi, WifiOff } from 'lucide-react';
import { selectErrorCount, selectWarningCount } from '../store/selectors';
import { useAppStore } from '../app/use-app-store';

export function StatusBar({ onShowProblems }: { onShowProblems: () => void }) {
  const dirty = useAppStore((s) => s.dirty);
  const flowId = useAppStore((s) => s.flowId);
  const errors = useAppStore(selectErrorCount);
  const warnings = useAppStore(selectWarningCount);
  const server = useAppStore((s) => s.server);
  const counts = useAppStore((s) => `${s.nodes.length} nodes · ${s.edges.length} edges`);
  const saved = !flowId ? 'Not saved to the library' : dirty ? 'Unsaved changes' : 'Saved';
  const broker = useAppStore((s) =>
    s.runtime === 'simulator' ? undefined : s.runtimes.find((r) => r.id === s.runtime),
  );
  return (
    <footer className="ef-status" aria-label="Status bar">
      <span
        className={`ef-status__item${dirty || !flowId ? ' is-dirty' : ''}`}
        data-testid="status.saved"
        role="status"
      >
        <span className="ef-dot" aria-hidden /> {saved}
      </span>
      <button
        type="button"
        className="ef-status__item ef-status__button"
        onClick={onShowProblems}
        aria-label={`${errors} errors, ${warnings} warnings`}
        data-testid="status.problems"
      >
        {errors === 0 && warnings === 0 ? (
          <>
            <CircleCheck size={14} className="ef-ok" aria-hidden /> No problems
          </>
        ) : (
          <>
            <CircleAlert size={14} className="ef-err" aria-hidden /> {errors}
            <TriangleAlert size={14} className="ef-warn" aria-hidden /> {warnings}
          </>
        )}
      </button>
      <span className="ef-status__item">{counts}</span>
      <span className="ef-status__spacer" />
      {broker && (
        <span className="ef-status__item" data-testid="status.runtime" title={broker.limits.join('\n')}>
          <Server size={14} aria-hidden /> Runs on {broker.label} · {broker.address}
        </span>
      )}
      <span className={`ef-status__item is-${server}`} data-testid="status.server">
        {server === 'offline' ? <WifiOff size={14} aria-hidden /> : <Wifi size={14} aria-hidden />}
        {server === 'online' ? 'Server connected' : server === 'offline' ? 'Server offline' : 'Connecting…'}
      </span>
    </footer>
  );
}
