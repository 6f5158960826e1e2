import type { EdgeRole } from '@eventflow/shared';
import { Trash2 } from 'lucide-react';
import { checkConnection } from '../../model/connection-rules';
import type { CanvasEdge } from '../../model/types';
import { useAppStore } from '../../app/use-app-store';
import { CallForm } from './CallForm';
import { QueryForm } from './QueryForm';

const KIND_NAME: Record<EdgeRole, string> = {
  normal: 'Edge',
  'dead-letter': 'Dead-letter edge',
  call: 'Service call',
  query: 'Query',
};

const UNAVAILABLE: Record<EdgeRole, string> = {
  normal: 'A normal edge',
  'dead-letter': 'Dead-letter',
  call: 'A service call',
  query: 'A query',
};

const HELP: Record<EdgeRole, string> = {
  normal: 'Events flow along it.',
  'dead-letter': 'A consumer sends events that exhaust their retries to its dead-letter topic.',
  call: 'The caller asks the called consumer while it processes each event and waits for the answer: it stays busy meanwhile, and a timeout or failure fails its processing.',
  query:
    'The consumer reads one row of the projection when it finishes processing each event: the row is `row` in its emits, and the trace says whether it was stale.',
};

export function EdgeInspector({ edge }: { edge: CanvasEdge }) {
  const setEdgeRole = useAppStore((s) => s.setEdgeRole);
  const remove = useAppStore((s) => s.deleteSelection);
  const notify = useAppStore((s) => s.notify);
  const nodes = useAppStore((s) => s.nodes);
  const edges = useAppStore((s) => s.edges);
  const name = (id: string) => nodes.find((n) => n.id === id)?.data.label || id;
  const role: EdgeRole = edge.data?.role ?? 'normal';
  const allowed = (r: EdgeRole) => r === role || checkConnection(nodes, edges, edge, r, edge.id).ok;
  const unavailable = (['normal', 'dead-letter', 'call', 'query'] as const).filter((r) => !allowed(r));
  const why = unavailable.length
    ? checkConnection(nodes, edges, edge, unavailable[0], edge.id)
    : { ok: true };
  return (
    <section className="ef-inspector__section" aria-label="Edge inspector">
      <header
        className={`ef-inspector__head${role === 'dead-letter' ? ' is-dlq' : role === 'call' ? ' is-call' : role === 'query' ? ' is-query' : ''}`}
      >
        <div>
          <div className="ef-inspector__kind">{KIND_NAME[role]}</div>
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
            const next = e.target.value as EdgeRole;
            const reason = setEdgeRole(edge.id, next);
            if (reason) notify(`Cannot make this a ${KIND_NAME[next].toLowerCase()}: ${reason}`, 'error');
          }}
        >
          <option value="normal" disabled={!allowed('normal')}>
            Normal: events flow along it
          </option>
          <option value="dead-letter" disabled={!allowed('dead-letter')}>
            Dead-letter queue: failed events go here
          </option>
          <option value="call" disabled={!allowed('call')}>
            Service call: request-response while processing
          </option>
          <option value="query" disabled={!allowed('query')}>
            Query: the consumer reads a row of the projection
          </option>
        </select>
        <div id="edge-role-help" className="ef-field__help">
          {HELP[role]}
          {!why.ok && 'reason' in why
            ? ` ${UNAVAILABLE[unavailable[0]!]} is unavailable: ${why.reason}.`
            : ''}
        </div>
      </div>
      {role === 'call' && <CallForm edge={edge} />}
      {role === 'query' && <QueryForm edge={edge} />}
    </section>
  );
}
