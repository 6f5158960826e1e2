import type { NodeKind, RunSummary as Summary } from '@eventflow/shared';
import { CheckCircle2, TriangleAlert } from 'lucide-react';
import { useMemo } from 'react';
import { useAppStore } from '../app/use-app-store';
import { kindMeta } from '../nodes/kind-meta';
import { formatSimTime } from '../model/format';
import { LATENCY_COLUMNS, conservationText, formatRate, groupRows, latencyRows } from '../model/run-summary';
import { CompareSummary } from './CompareSummary';
import { CompareChooser, RunComparison } from './RunComparison';
import './summary.css';

function GroupsTable({ summary }: { summary: Summary }) {
  const rows = useMemo(() => groupRows(summary), [summary]);
  if (summary.groups.length === 0)
    return <p className="ef-muted">No consumer groups: connect a consumer to a topic to see its outcomes.</p>;
  return (
    <table className="ef-summary__table" aria-label="Outcomes per consumer group">
      <thead>
        <tr>
          <th scope="col">Consumer group</th>
          {summary.groups.map((g) => (
            <th key={g.group} scope="col" title={`Consumers: ${g.consumers.join(', ')}`}>
              {g.group}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row" title={r.hint}>
              {r.label}
            </th>
            {r.cells.map((c) => (
              <td key={c.group} className={`is-${c.tone}`}>
                {c.text}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LatencyTable({ summary }: { summary: Summary }) {
  // Labels and the document's order come from the canvas; re-rendering on a drag is cheap at this size.
  const nodes = useAppStore((s) => s.nodes);
  const rows = useMemo(
    () =>
      latencyRows(
        summary,
        nodes.map((n) => ({ id: n.id, label: n.data.label ?? '', kind: n.type })),
      ),
    [summary, nodes],
  );
  return (
    <table className="ef-summary__table is-latency" aria-label="Latency percentiles">
      <thead>
        <tr>
          <th scope="col">Latency</th>
          <th scope="col" title="Samples measured">
            n
          </th>
          {LATENCY_COLUMNS.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className={`ef-kind--${r.kind}`}>
            <th scope="row" title={`${r.name}: ${latencyHint(r.kind)}`}>
              <span className="ef-summary__kind" aria-hidden />
              {r.name}
            </th>
            <td>{r.count}</td>
            {LATENCY_COLUMNS.map((c) => (
              <td key={c}>{r.values[c]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Per consumer that reads a projection (a query edge): how many of its row reads found the row stale. */
function StaleReads({ reads }: { reads: NonNullable<Summary['reads']> }) {
  return (
    <span
      className="ef-summary__reads"
      data-testid="summary.stale-reads"
      title="Reads of a projection row made while a newer version was written but not yet applied"
    >
      Stale reads:{' '}
      {Object.entries(reads)
        .map(([id, r]) => `${id} ${r.stale} of ${r.reads}`)
        .join(' · ')}
    </span>
  );
}

const latencyHint = (kind: NodeKind | 'end-to-end') =>
  (kind !== 'end-to-end' && kindMeta[kind].latencyHint) ||
  'Root event produced → first processed by a consumer that emits nothing';

const PHASE_WORDS: Record<string, string> = {
  paused: 'paused at',
  completed: 'completed at',
  stopped: 'stopped at',
  failed: 'failed at',
  running: 'as of',
};

/** The Run summary tab: per-group outcomes, the conservation check, latency percentiles and throughput. */
export function RunSummary() {
  const summary = useAppStore((s) => s.run.summary);
  const phase = useAppStore((s) => s.run.phase);
  const hasRun = useAppStore((s) => s.run.id !== null);
  const broker = useAppStore((s) => s.run.broker);
  const brokerLabel = useAppStore(
    (s) => s.runtimes.find((r) => r.id === s.run.broker?.kind)?.label ?? s.run.broker?.kind ?? '',
  );
  if (!summary || !hasRun)
    return (
      <div className="ef-summary is-empty">
        <p>
          {hasRun
            ? 'The summary appears when the run pauses or ends. Pause to see the figures so far.'
            : 'No run yet. Press Play: when the run pauses or ends, this tab shows what each consumer group acked, lost and processed twice, and how long events took.'}
        </p>
      </div>
    );
  const c = summary.conservation;
  return (
    <div className="ef-summary" aria-label="Run summary" role="region">
      <div className="ef-summary__head">
        <span className="ef-summary__when" data-testid="summary.when">
          {phase === 'running' ? 'Running; figures as of' : (PHASE_WORDS[phase] ?? 'as of')}{' '}
          {formatSimTime(summary.simulatedMs)}
        </span>
        <span className={`ef-summary__check ${c.ok ? 'is-ok' : 'is-bad'}`} data-testid="summary.conservation">
          {c.ok ? <CheckCircle2 size={14} aria-hidden /> : <TriangleAlert size={14} aria-hidden />}
          {conservationText(summary)}
        </span>
        {summary.reads && <StaleReads reads={summary.reads} />}
        <span className="ef-summary__throughput" title="Per simulated second">
          Throughput: {formatRate(summary.throughput.producedPerSecond)} produced ·{' '}
          {formatRate(summary.throughput.ackedPerSecond)} acked
        </span>
        {phase !== 'running' && <CompareChooser />}
      </div>
      <div className="ef-summary__body">
        <RunComparison />
        <section className="ef-summary__groups" aria-label="Consumer groups">
          <GroupsTable summary={summary} />
        </section>
        <section className="ef-summary__latency" aria-label="Latency">
          <LatencyTable summary={summary} />
        </section>
        {broker && <CompareSummary simulator={broker.simulator} broker={summary} label={brokerLabel} />}
      </div>
    </div>
  );
}
