import { Power, PowerOff } from 'lucide-react';
import { useAppStore } from '../../app/use-app-store';
import { useSession } from '../../app/use-session';
import type { AppState } from '../../store/store';

/** A run the server still moves: membership changes apply to it (a stopped or failed run only reads). */
export const selectRunTakesCommands = (s: AppState): boolean =>
  s.run.id !== null && (s.run.phase === 'running' || s.run.phase === 'paused' || s.run.phase === 'completed');

/** Per instance, "1" when down and "0" when up, e.g. "01": one string, so it re-renders only on a change. */
const selectInstancesDown =
  (id: string) =>
  (s: AppState): string =>
    (s.metrics?.nodes[id]?.instances ?? []).map((i) => (i.down ? '1' : '0')).join('');

/**
 * Outages by hand while a run is live: the whole consumer, or one instance. The canvas shows the result (the
 * down badge, the lag on the topic); the trace shows the instance-down / instance-up and rebalanced hops.
 */
export function MembershipControls({ nodeId }: { nodeId: string }) {
  const session = useSession();
  const live = useAppStore(selectRunTakesCommands);
  const downs = useAppStore(selectInstancesDown(nodeId));
  if (!live || downs === '') return null;
  const allDown = !downs.includes('0');
  return (
    <section className="ef-membership" aria-label="Membership" data-testid="inspector.membership">
      <h3 className="ef-membership__title">Live membership</h3>
      <button
        type="button"
        className={`ef-btn${allDown ? '' : ' ef-btn--danger'}`}
        data-testid={allDown ? 'inspector.bring-up' : 'inspector.take-down'}
        onClick={() => void session.setConsumerDown(nodeId, !allDown)}
      >
        {allDown ? <Power size={14} aria-hidden /> : <PowerOff size={14} aria-hidden />}
        {allDown ? ' Bring back' : ' Take down'}
      </button>
      <div className="ef-membership__instances" role="group" aria-label="Instances">
        {[...downs].map((d, i) => (
          <button
            key={i}
            type="button"
            className={`ef-live__inst${d === '1' ? ' is-down' : ''}`}
            aria-pressed={d === '1'}
            title={d === '1' ? `Bring instance ${i} back` : `Take instance ${i} down`}
            data-testid={`inspector.instance.${i}`}
            onClick={() => void session.setConsumerDown(nodeId, d !== '1', i)}
          >
            #{i}
          </button>
        ))}
      </div>
    </section>
  );
}
