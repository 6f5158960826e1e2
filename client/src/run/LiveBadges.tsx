import type { NodeCounts, NodeKind, NodeMetrics } from '@eventflow/shared';
import { memo } from 'react';
import type { MetricSample } from '../store/run-slice';
import { useAppStore } from '../app/use-app-store';
import { selectPastCounts } from '../store/selectors';
import { Sparkline } from './Sparkline';
import './run.css';

const EMPTY_SAMPLES: readonly MetricSample[] = [];
const fmtRate = (r: number) => (r >= 100 ? r.toFixed(0) : r.toFixed(1));

/** Up to four characters, so eight partitions' depths fit side by side in the node's fixed width. */
export function compactCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 10_000) return `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  if (n < 1_000_000) return `${Math.round(n / 1000)}k`;
  return `${(n / 1_000_000).toFixed(n < 10_000_000 ? 1 : 0).replace(/\.0$/, '')}M`;
}

function Losses({ m, kind }: { m: NodeCounts; kind: NodeKind }) {
  const items: [string, number | undefined][] = [
    ['dead-lettered', m.deadLettered],
    ['dropped', m.dropped],
    // A topic shows its expired count on its lag line, inside the same fixed box.
    ['expired', kind === 'topic' ? undefined : m.expired],
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

/** One group: its lag; several: the worst lag and whose it is (every group's total is in the title). */
function LagSummary({ lags }: { lags: [string, number[]][] }) {
  if (lags.length === 0) return null;
  const totals = lags.map(([g, l]) => [g, l.reduce((a, b) => a + b, 0)] as const);
  const [worst, most] = totals.reduce((a, b) => (b[1] > a[1] ? b : a));
  const text =
    totals.length === 1 ? `${worst} lag ${compactCount(most)}` : `max lag ${compactCount(most)} · ${worst}`;
  return (
    <span
      className={`ef-live__lag${most > 0 ? ' is-lagging' : ''}`}
      title={totals.map(([g, n]) => `${g}: lag ${n}`).join('\n')}
    >
      {text}
    </span>
  );
}

/**
 * Two lines whatever the partition and group counts, so the node's fixed box never clips them: each
 * partition's depth side by side (tinted where a group trails), then each group's total lag. The exact
 * per-partition figures are in each cell's title and in the topic console.
 */
function Partitions({ m }: { m: NodeCounts }) {
  if (!m.partitions) return null;
  const groups = Object.entries(m.lag ?? {});
  const named = m.partitions.length <= 4;
  const expired = m.expired ?? 0;
  return (
    <div className="ef-live__parts" aria-label="Partitions">
      <div className="ef-live__cells">
        {m.partitions.map((p, i) => {
          const lagging = groups.some(([, lags]) => (lags[i] ?? 0) > 0);
          const lags = groups.map(([g, lags]) => `; ${g} lag ${lags[i] ?? 0}`).join('');
          return (
            <span
              key={i}
              className={`ef-live__cell${lagging ? ' is-lagging' : ''}`}
              title={`Partition ${i}: ${p.depth} retained, end offset ${p.end}${lags}`}
            >
              {named && <span className="ef-live__pname">p{i}</span>}
              {compactCount(p.depth)}
            </span>
          );
        })}
      </div>
      {(groups.length > 0 || expired > 0) && (
        <div className="ef-live__lags">
          <LagSummary lags={groups} />
          {expired > 0 && (
            <span className="ef-live__expired" data-testid="live.expired">
              {compactCount(expired)} expired
            </span>
          )}
        </div>
      )}
    </div>
  );
}

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
      <Losses m={m} kind={kind} />
      {now && <Sparkline samples={samples} showLag={kind === 'topic'} />}
    </div>
  );
});
