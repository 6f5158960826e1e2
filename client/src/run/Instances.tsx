import type { NodeMetrics } from '@eventflow/shared';
import type { KindFigures } from './LiveBadges';

function Instances({ m }: { m: NodeMetrics }) {
  if (!m.instances) return null;
  return (
    <div className="ef-live__instances" aria-label="Instances">
      {m.instances.map((inst, i) => {
        const state = inst.down
          ? 'down'
          : inst.partitions.length === 0
            ? 'idle (no partition)'
            : inst.busy
              ? 'busy'
              : 'idle';
        return (
          <span
            key={i}
            className={`ef-live__inst ${inst.down ? 'is-down' : inst.busy ? 'is-busy' : 'is-idle'}${inst.partitions.length === 0 && !inst.down ? ' is-unassigned' : ''}`}
            title={`Instance ${i}: ${state}; partitions ${inst.partitions.join(', ') || 'none'}`}
            aria-label={`Instance ${i} ${state}`}
          >
            #{i}
          </span>
        );
      })}
    </div>
  );
}

/** The live figures of a kind that runs instances (consumers, webhooks): each instance busy or idle, now. */
export const InstanceFigures: KindFigures = ({ now }) => (now ? <Instances m={now} /> : null);
