import type { NodeCounts } from '@eventflow/shared';
import { compactCount } from '../../run/LiveBadges';

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
export function TopicFigures({ m }: { m: NodeCounts }) {
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
