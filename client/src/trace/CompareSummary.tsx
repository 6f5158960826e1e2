import type { RunSummary } from '@eventflow/shared';
import { useMemo } from 'react';
import { compareRows } from '../model/compare-summary';

/**
 * Two runs' figures side by side with the difference (right − left): the simulator beside a broker run of the
 * same flow and seed, or a recorded run beside the current one.
 */
export function CompareSummary({
  simulator,
  broker,
  label,
  leftLabel = 'Simulator',
  region = 'Simulator and broker side by side',
}: {
  simulator: RunSummary;
  broker: RunSummary;
  label: string;
  leftLabel?: string;
  region?: string;
}) {
  const rows = useMemo(() => compareRows(simulator, broker), [simulator, broker]);
  const differing = rows.filter((r) => r.differs).length;
  return (
    <section className="ef-summary__compare" aria-label={region}>
      <table className="ef-summary__table" aria-label={`${leftLabel} vs ${label}`}>
        <caption>
          {leftLabel} vs {label}, seed {broker.seed}:{' '}
          {differing === 0 ? 'the same figures' : `${differing} figure${differing === 1 ? '' : 's'} differ`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">{leftLabel}</th>
            <th scope="col">{label}</th>
            <th scope="col" title={`${label} − ${leftLabel}`}>
              Δ
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.differs ? 'is-different' : ''}>
              <th scope="row" title={r.hint}>
                {r.label}
              </th>
              <td>{r.simulator}</td>
              <td>{r.broker}</td>
              <td className={`ef-delta-cell is-${r.tone}`}>{r.delta}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
