import type { NodeCounts, NodeKind, NodeMetrics } from '@eventflow/shared';
import { memo, type ComponentType } from 'react';
import { kindMeta } from '../nodes/kind-meta';
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

/**
 * A kind's own live figures (a topic's partitions, a consumer's instances), drawn under the shared counters.
 * `now` is absent when stepped back in time: figures of the present are left out then.
 */
export type KindFigures = ComponentType<{ m: NodeCounts; now: NodeMetrics | undefined }>;

function Losses({ m, kind }: { m: NodeCounts; kind: NodeKind }) {
  const items: [string, number | undefined][] = [
    ['dead-lettered', m.deadLettered],
    ['dropped', m.dropped],
    // A log shows its expired count on its lag line (in its figures), inside the same fixed box.
    ['expired', kindMeta[kind].lags ? undefined : m.expired],
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

/**
 * Live counters under a node while a run exists: exact figures from `run:metrics`, never from sampled hops.
 * Stepped back, they are the counts as of the hop on screen (`run:metrics-at`), tinted like the clock; the
 * rate, instances and sparkline are facts of the present, so they are left out then.
 */
export const LiveBadges = memo(function LiveBadges({
  id,
  kind,
  figures: Figures,
}: {
  id: string;
  kind: NodeKind;
  figures?: KindFigures | undefined;
}) {
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
        {now?.buffered !== undefined && now.buffered > 0 && (
          <span
            className="ef-live__held"
            title="Events held by the producer until the topic is back"
            data-testid={`live.${id}.buffered`}
          >
            {compactCount(now.buffered)} held
          </span>
        )}
        {m.failures > 0 && (
          <span className="ef-live__fail" title="Failed attempts" data-testid={`live.${id}.failures`}>
            ✕ {m.failures}
          </span>
        )}
      </div>
      {Figures && <Figures m={m} now={now} />}
      <Losses m={m} kind={kind} />
      {now && <Sparkline samples={samples} showLag={kindMeta[kind].lags === true} />}
    </div>
  );
});
