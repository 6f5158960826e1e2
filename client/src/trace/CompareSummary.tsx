import type { RunSummary } from '@eventflow/shared';
import { useMemo } from 'react';
import { compareRows } from '../model/compare-summary';

/** The broker run beside the simulator's run of the same flow and seed: where reality and the model differ. */
export function CompareSummary({
  simulator,
  broker,
  label,
}: {
  simulator: RunSummary;
  broker: RunSummary;
  label: string;
}) {
  const rows = useMemo(() => compareRows(simulator, broker), [simulator, broker]);
  const differing = rows.filter((r) => r.differs).length;
  return (
    <section className="ef-summary__compare" aria-label="Simulator and broker side by side">
      <table className="ef-summary__table" aria-label={`Simulator vs ${label}`}>
        <caption>
          Simulator vs {label}, seed {broker.seed}:{' '}
          {differing === 0 ? 'the same figures' : `${differing} figure${differing === 1 ? '' : 's'} differ`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">Simulator</th>
            <th scope="col">{label}</th>
            <th scope="col" title="Broker − simulator">
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
              <td>{r.delta}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
