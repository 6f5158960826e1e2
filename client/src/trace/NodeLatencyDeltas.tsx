import type { FlowDoc, RunSummary } from '@eventflow/shared';
import { useMemo } from 'react';
import { nodeLatencyRows } from '../model/compare-summary';

/** Per node p50/p95/p99 of the recorded run and this one: which topic or consumer a change made slower. */
export function NodeLatencyDeltas({
  flow,
  before,
  after,
}: {
  flow: FlowDoc;
  before: RunSummary;
  after: RunSummary;
}) {
  const rows = useMemo(
    () =>
      nodeLatencyRows(
        flow.nodes.map((n) => n.id),
        before,
        after,
      ),
    [flow, before, after],
  );
  const label = new Map(flow.nodes.map((n) => [n.id, n.label || n.id]));
  return (
    <table
      className="ef-summary__table is-latency"
      aria-label="Latency per node"
      data-testid="compare.latency"
    >
      <caption>
        Latency per node:{' '}
        {rows.length === 0 ? 'no node moved by a millisecond or more' : 'recorded → this run'}
      </caption>
      {rows.length > 0 && (
        <>
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Pct</th>
              <th scope="col">Recorded</th>
              <th scope="col">This run</th>
              <th scope="col" title="This run − recorded">
                Δ
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={`${r.node}.${r.percentile}`}
                className={r.delta ? 'is-different' : ''}
                data-testid={`compare.latency.${r.node}.${r.percentile}`}
              >
                <th scope="row">{r.percentile === 'p50' ? label.get(r.node) : ''}</th>
                <td>{r.percentile}</td>
                <td>{r.before}</td>
                <td>{r.after}</td>
                <td className={`ef-delta-cell is-${r.tone}`}>{r.delta}</td>
              </tr>
            ))}
          </tbody>
        </>
      )}
    </table>
  );
}
