import type { EdgeRole } from '@eventflow/shared';
import { Trash2 } from 'lucide-react';
import { checkConnection } from '../../model/connection-rules';
import type { CanvasEdge } from '../../model/types';
import { useAppStore } from '../../app/use-app-store';

export function EdgeInspector({ edge }: { edge: CanvasEdge }) {
  const setEdgeRole = useAppStore((s) => s.setEdgeRole);
  const remove = useAppStore((s) => s.deleteSelection);
  const notify = useAppStore((s) => s.notify);
  const nodes = useAppStore((s) => s.nodes);
  const edges = useAppStore((s) => s.edges);
  const name = (id: string) => nodes.find((n) => n.id === id)?.data.label || id;
  const dlq = checkConnection(nodes, edges, edge, 'dead-letter', edge.id);
  const role: EdgeRole = edge.data?.role ?? 'normal';
  return (
    <section className="ef-inspector__section" aria-label="Edge inspector">
      <header className={`ef-inspector__head${role === 'dead-letter' ? ' is-dlq' : ''}`}>
        <div>
          <div className="ef-inspector__kind">{role === 'dead-letter' ? 'Dead-letter edge' : 'Edge'}</div>
          <div className="ef-inspector__id">
            {name(edge.source)} → {name(edge.target)}
          </div>
        </div>
        <div className="ef-inspector__actions">
          <button
            type="button"
            className="ef-icon-btn"
            aria-label="Delete edge"
            title="Delete (Del)"
            onClick={remove}
          >
            <Trash2 size={15} />
          </button>
        </div>
      </header>
      <div className="ef-field">
        <label className="ef-field__label" htmlFor="edge-role">
          Role
        </label>
        <select
          id="edge-role"
          className="ef-input"
          value={role}
          aria-describedby="edge-role-help"
          onChange={(e) => {
            const reason = setEdgeRole(edge.id, e.target.value as EdgeRole);
            if (reason) notify(`Cannot make this a dead-letter edge: ${reason}`, 'error');
          }}
        >
          <option value="normal">Normal: events flow along it</option>
          <option value="dead-letter" disabled={!dlq.ok && role !== 'dead-letter'}>
            Dead-letter queue: failed events go here
          </option>
        </select>
        <div id="edge-role-help" className="ef-field__help">
          {dlq.ok
            ? 'A consumer sends events that exhaust their retries to its dead-letter topic.'
            : `Dead-letter is unavailable: ${dlq.reason}.`}
        </div>
      </div>
    </section>
  );
}
