import { formatSimTime } from '../model/format';
import { outcomesText } from '../model/run-compare';
import { useAppStore } from '../app/use-app-store';
import { useSession } from '../app/use-session';
import { selectComparison } from '../store/compare-selectors';
import { CompareSummary } from './CompareSummary';
import { NodeLatencyDeltas } from './NodeLatencyDeltas';
import { RecordedPathStepper } from './RecordedPathStepper';

/** "Compare with a recorded run…": a trace file chosen here becomes the "before" of the run on screen. */
export function CompareChooser() {
  const session = useSession();
  return (
    <label className="ef-btn ef-summary__compare-pick">
      Compare with a recorded run…
      <input
        type="file"
        accept=".ndjson,application/x-ndjson,.jsonl"
        aria-label="Choose a recorded trace to compare with"
        data-testid="compare.file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void file.text().then((t) => session.compareWithRecorded(t, file.name));
        }}
      />
    </label>
  );
}

/** The recorded run beside this one: figures with deltas, and the events whose outcome changed. */
export function RunComparison() {
  const comparison = useAppStore(selectComparison);
  const flow = useAppStore((s) => s.present);
  const session = useSession();
  if (!comparison) return null;
  const { result, label, picked } = comparison;
  const shown = result.changed.length;
  return (
    <section
      className="ef-summary__runs"
      aria-label="Compared with a recorded run"
      data-testid="compare.panel"
    >
      <div className="ef-summary__runs-head">
        <strong>Compared with {label}</strong>
        <button type="button" className="ef-btn ef-btn--ghost" onClick={session.endComparison}>
          End comparison
        </button>
      </div>
      <CompareSummary
        simulator={result.before}
        broker={result.after}
        leftLabel="Recorded"
        label="This run"
        region="Recorded run and this run side by side"
      />
      <NodeLatencyDeltas flow={flow} before={result.before} after={result.after} />
      <div className="ef-summary__changed">
        <h4 data-testid="compare.changed.count">
          {result.changedTotal === 0
            ? 'No event ended differently'
            : `${result.changedTotal} event${result.changedTotal === 1 ? '' : 's'} ended differently${shown < result.changedTotal ? ` (first ${shown} listed)` : ''}`}
        </h4>
        <ul>
          {result.changed.map((e) => (
            <li key={e.id} className={e.id === picked ? 'is-picked' : ''}>
              <button
                type="button"
                className="ef-link"
                data-testid={`compare.changed.${e.id}`}
                onClick={() => void session.pickChangedEvent(e.id)}
              >
                {e.id}
              </button>{' '}
              <span className="ef-muted">
                from {e.node} at {formatSimTime(e.t)}: {outcomesText(e.before)} → {outcomesText(e.after)}
              </span>
            </li>
          ))}
        </ul>
        <RecordedPathStepper comparison={comparison} />
      </div>
    </section>
  );
}
