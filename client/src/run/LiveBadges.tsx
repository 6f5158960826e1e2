import type { NodeKind, NodeMetrics } from '@eventflow/shared';
import { memo } from 'react';
import type { MetricSample } from '../store/run-slice';
import { useAppStore } from '../app/use-app-store';
import { Sparkline } from './Sparkline';
import './run.css';

const EMPTY_SAMPLES: readonly MetricSample[] = [];
const fmtRate = (r: number) => (r >= 100 ? r.toFixed(0) : r.toFixed(1));

function Losses({ m }: { m: NodeMetrics }) {
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

function Partitions({ m }: { m: NodeMetrics }) {
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

/** Live counters under a node while a run exists: exact figures from `run:metrics`, never from sampled hops. */
export const LiveBadges = memo(function LiveBadges({ id, kind }: { id: string; kind: NodeKind }) {
  const m = useAppStore((s) => s.metrics?.nodes[id]);
  const samples = useAppStore((s) => s.history[id] ?? EMPTY_SAMPLES);
  if (!m) return null;
  return (
    <div className="ef-live nodrag" data-testid={`live.${id}`}>
      <div className="ef-live__row">
        <span title="Events in">in {m.in}</span>
        <span title="Events out">out {m.out}</span>
        <span title="Events per simulated second">{fmtRate(m.rate)}/s</span>
        {m.inFlight > 0 && <span title="In flight">⟳ {m.inFlight}</span>}
        {m.failures > 0 && (
          <span className="ef-live__fail" title="Failed attempts" data-testid={`live.${id}.failures`}>
            ✕ {m.failures}
          </span>
        )}
      </div>
      {kind === 'topic' && <Partitions m={m} />}
      {kind === 'consumer' && <Instances m={m} />}
      <Losses m={m} />
      <Sparkline samples={samples} showLag={kind === 'topic'} />
    </div>
  );
});
