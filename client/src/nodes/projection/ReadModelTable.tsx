import type { ReadModelView } from '@eventflow/shared';
import { useEffect } from 'react';
import { useAppStore } from '../../app/use-app-store';
import { useSession } from '../../app/use-session';
import { selectReadModel } from '../../store/event-sourcing-slice';
import { selectBackInTime } from '../../store/selectors';
import { selectRunTakesCommands } from '../consumer/MembershipControls';

/** What a read of a stale row gets, in the words of the issue: the version read and the newer one written. */
export function staleNote(row: { version: number }, ahead: ReadModelView['ahead'][string]): string {
  return `read version ${row.version} while version ${ahead.version} was written ${Math.round(ahead.msAgo)} ms earlier`;
}

/**
 * The projection's read model as a table as of the hop on screen: stepping back through the trace shows
 * each row as it was then, so a row changes at the projection's `projected` hop, not at the store's write.
 */
export function ReadModelTable({ nodeId }: { nodeId: string }) {
  const session = useSession();
  const runId = useAppStore((s) => s.run.id);
  const seq = useAppStore((s) => selectBackInTime(s)?.seq ?? null);
  // Following live, read again as the run moves (at the metrics cadence, not per hop).
  const liveT = useAppStore((s) => (selectBackInTime(s) ? null : (s.metrics?.t ?? null)));
  const live = useAppStore(selectRunTakesCommands);
  const view = useAppStore((s) => selectReadModel(s, nodeId));
  useEffect(() => {
    if (runId) void session.readProjection(nodeId);
  }, [session, nodeId, runId, seq, liveT]);
  if (!runId) return null;
  return (
    <section className="ef-read-model-panel" aria-label="Read model" data-testid="inspector.read-model">
      <h3>Read model {seq === null ? '(live)' : `as of hop ${seq}`}</h3>
      {view && (
        <p className="ef-read-model__meta" data-testid="read-model.lag">
          {view.applied} of {view.written} stored events applied
          {view.applied < view.written ? ` · ${Math.round(view.behindMs)} ms behind` : ' · caught up'}
          {view.rebuilding ? ` · rebuilding ${view.rebuilding.done}/${view.rebuilding.of}` : ''}
        </p>
      )}
      {live && (
        <div className="ef-read-model__actions">
          <button
            type="button"
            className="ef-btn"
            data-testid="read-model.rebuild"
            onClick={() => void session.rebuildProjection(nodeId, false)}
          >
            Rebuild from 0
          </button>
          <button
            type="button"
            className="ef-btn"
            data-testid="read-model.rebuild-snapshot"
            onClick={() => void session.rebuildProjection(nodeId, true)}
          >
            Rebuild from snapshot
          </button>
        </div>
      )}
      {view && view.rows.length === 0 && <p className="ef-read-model__meta">No rows yet.</p>}
      {view && view.rows.length > 0 && (
        <table className="ef-read-model">
          <thead>
            <tr>
              <th>Aggregate</th>
              <th>v</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((r) => {
              const ahead = view.ahead[r.aggregate];
              return (
                <tr
                  key={r.aggregate}
                  className={ahead ? 'is-stale' : undefined}
                  data-testid={`read-model.row.${r.aggregate}`}
                  title={ahead ? staleNote(r, ahead) : undefined}
                >
                  <td>{r.aggregate}</td>
                  <td>{r.version}</td>
                  <td>
                    <code>{JSON.stringify(r.state)}</code>
                    {ahead && <div className="ef-read-model__stale">{staleNote(r, ahead)}</div>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {view && view.total > view.rows.length && (
        <p className="ef-read-model__meta">
          {view.rows.length} of {view.total} rows shown
        </p>
      )}
    </section>
  );
}
