import { useState } from 'react';
import { useAppStore } from '../../app/use-app-store';
import { useSession } from '../../app/use-session';
import { selectAudit } from '../../store/event-sourcing-slice';

/** One aggregate's events in the store, in version order, with who caused each: the audit trail. */
export function AuditView({ nodeId }: { nodeId: string }) {
  const session = useSession();
  const runId = useAppStore((s) => s.run.id);
  const audit = useAppStore((s) => selectAudit(s, nodeId));
  const [aggregate, setAggregate] = useState('');
  if (!runId) return null;
  return (
    <section className="ef-audit" aria-label="Audit" data-testid="inspector.audit">
      <h3>Audit of one aggregate</h3>
      <form
        className="ef-audit__form"
        onSubmit={(e) => {
          e.preventDefault();
          if (aggregate.trim()) void session.readAggregate(nodeId, aggregate.trim());
        }}
      >
        <input
          className="ef-input nodrag"
          aria-label="Aggregate id"
          data-testid="audit.aggregate"
          value={aggregate}
          placeholder="e.g. o-1"
          onChange={(e) => setAggregate(e.target.value)}
        />
        <button type="submit" className="ef-btn" data-testid="audit.show">
          Show
        </button>
      </form>
      {audit && (
        <table className="ef-read-model" data-testid="audit.entries">
          <thead>
            <tr>
              <th>v</th>
              <th>Event</th>
              <th>Caused by</th>
            </tr>
          </thead>
          <tbody>
            {audit.entries.map((e) => (
              <tr key={e.position}>
                <td>{e.version}</td>
                <td>
                  {e.type} <code>{e.eventId}</code> at {e.t} ms
                </td>
                <td>
                  {e.source}
                  {e.causationId ? ` ← ${e.causationId}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {audit && (
        <p className="ef-read-model__meta">
          {audit.entries.length} events · {audit.conflicts} writes refused
        </p>
      )}
    </section>
  );
}
