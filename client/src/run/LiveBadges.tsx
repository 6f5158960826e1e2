import type { NodeCounts, NodeKind, NodeMetrics } from '@eventflow/shared';
import { memo } from 'react';
import type { MetricSample } from '../store/run-slice';
import { useAppStore } from '../app/use-app-store';
import { selectPastCounts } from '../store/selectors';
import { Sparkline } from './Sparkline';
import './run.css';

const EMPTY_SAMPLES: readonly MetricSample[] = [];
const fmtRate = (r: number) => (r >= 100 ? r.toFixed(0) : r.toFixed(1));

function Losses({ m }: { m: NodeCounts }) {
  const items: [string, number | undefined][] = [
    ['dead-lettered', m.deadLettered],
    ['dropped', m.dropped],
    ['expired', m.expired],
  ];
  const shown = items.filter(([, n]) => (n ?? 0) > 0);
  if (shown.length === 0) return null;
  return (
    <div className="ef-live__losses">
      {shown.map(([name, n]) => (
        <span key={name} className="ef-live__loss" data-testid={`live.${name}`}>
          {n} {name}
        </span>
      ))}
    </div>
  );
}

function Partitions({ m }: { m: NodeCounts }) {
  if (!m.partitions) return null;
  const groups = Object.entries(m.lag ?? {});
  return (
    <div className="ef-live__parts" aria-label="Partitions">
      {m.partitions.map((p, i) => (
        <div
          key={i}
          className="ef-live__part"
          title={`Partition ${i}: ${p.depth} retained, end offset ${p.end}`}
        >
          <span className="ef-live__pname">p{i}</span>
          <span>depth {p.depth}</span>
          {groups.map(([g, lags]) => (
            <span key={g} className={(lags[i] ?? 0) > 0 ? 'is-lagging' : ''}>
              {g} lag {lags[i] ?? 0}
            </span>
          ))}
        </div>
      ))}
    </div>
  );
}

function Instances({ m }: { m: NodeMetrics }) {
  if (!m.instances) return null;
  return (
    <div className="ef-live__instances" aria-label="Instances">
      {m.instances.map((inst, i) => {
        const state = inst.partitions.length === 0 ? 'idle (no partition)' : inst.busy ? 'busy' : 'idle';
        return (
          <span
            key={i}
            className={`ef-live__inst ${inst.busy ? 'is-busy' : 'is-idle'}${inst.partitions.length === 0 ? ' is-unassigned' : ''}`}
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

/**
 * Live counters under a node while a run exists: exact figures from `run:metrics`, never from sampled hops.
 * Stepped back, they are the counts as of the hop on screen (`run:metrics-at`), tinted like the clock; the
 * rate, instances and sparkline are facts of the present, so they are left out then.
 */
export const LiveBadges = memo(function LiveBadges({ id, kind }: { id: string; kind: NodeKind }) {
  const live = useAppStore((s) => s.metrics?.nodes[id]);
  const past = useAppStore((s) => selectPastCounts(s));
  const samples = useAppStore((s) => s.history[id] ?? EMPTY_SAMPLES);
  const pastNode = past?.nodes[id];
  const m: NodeCounts | undefined = pastNode ?? live;
  if (!m) return null;
  const now: NodeMetrics | undefined = pastNode ? undefined : live;
  return (
    <div
      className={`ef-live nodrag${past ? ' is-past' : ''}`}
      data-testid={`live.${id}`}
      data-seq={past ? past.seq : undefined}
      title={past ? `Counts as of hop ${past.seq.toLocaleString()} (back in time)` : undefined}
    >
      <div className="ef-live__row">
        <span title="Events in" data-testid={`live.${id}.in`}>
          in {m.in}
        </span>
        <span title="Events out" data-testid={`live.${id}.out`}>
          out {m.out}
        </span>
        {now && <span title="Events per simulated second">{fmtRate(now.rate)}/s</span>}
        {m.inFlight > 0 && <span title="In flight">⟳ {m.inFlight}</span>}
        {m.failures > 0 && (
          <span className="ef-live__fail" title="Failed attempts" data-testid={`live.${id}.failures`}>
            ✕ {m.failures}
          </span>
        )}
      </div>
      {kind === 'topic' && <Partitions m={m} />}
      {kind === 'consumer' && now && <Instances m={now} />}
      <Losses m={m} />
      {now && <Sparkline samples={samples} showLag={kind === 'topic'} />}
    </div>
  );
});
