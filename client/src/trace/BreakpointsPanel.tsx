import { HOP_TYPES, type Breakpoint, type HopType, type Problem } from '@eventflow/shared';
import { Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../app/use-app-store';
import { useSession } from '../app/use-session';
import { CelEditor } from '../panels/inspector/CelEditor';
import { selectBreakpoints } from '../store/breakpoint-slice';
import './breakpoints.css';

const ARRIVAL = 'arrival';

function useNodeLabels(): Record<string, string> {
  return useAppStore(useShallow((s) => Object.fromEntries(s.nodes.map((n) => [n.id, n.data.label || n.id]))));
}

/** Where and when a breakpoint stops, in words: "Billing · delivered" or "any node · on arrival". */
function describeWhere(b: Breakpoint, labels: Record<string, string>): string {
  const node = b.node === undefined ? 'any node' : (labels[b.node] ?? `${b.node} (not in the drawing)`);
  return `${node} · ${b.hops?.length ? b.hops.join(', ') : 'on arrival'}`;
}

function BreakpointRow({ b, labels }: { b: Breakpoint; labels: Record<string, string> }) {
  const c = useSession();
  const hit = useAppStore((s) => s.breakpointHit?.id === b.id);
  return (
    <li className={`ef-bps__row${hit ? ' is-hit' : ''}${b.enabled ? '' : ' is-off'}`} aria-label={b.name}>
      <input
        type="checkbox"
        checked={b.enabled}
        aria-label={`Enable ${b.name}`}
        onChange={() => c.toggleBreakpoint(b.id)}
      />
      <span className="ef-bps__dot" aria-hidden />
      <div className="ef-bps__what">
        <div className="ef-bps__name">{b.name}</div>
        <div className="ef-bps__where">{describeWhere(b, labels)}</div>
        {b.condition?.trim() && <code className="ef-bps__cond">{b.condition}</code>}
      </div>
      <button
        type="button"
        className="ef-icon-btn"
        aria-label={`Remove ${b.name}`}
        title="Remove"
        onClick={() => c.removeBreakpoint(b.id)}
      >
        <Trash2 size={14} />
      </button>
    </li>
  );
}

/** Adds a conditional breakpoint: a node (or any), the hop to stop on, a CEL condition over the event. */
function AddBreakpoint({ labels }: { labels: Record<string, string> }) {
  const c = useSession();
  const [node, setNode] = useState('');
  const [hop, setHop] = useState<string>(ARRIVAL);
  const [condition, setCondition] = useState('');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const where = node ? (labels[node] ?? node) : 'any node';
    const auto = condition.trim() ? `${where} when ${condition.trim()}` : where;
    const found = c.addBreakpoint({
      name: (name.trim() || auto).slice(0, 80),
      ...(node ? { node } : {}),
      ...(hop !== ARRIVAL ? { hops: [hop as HopType] } : {}),
      ...(condition.trim() ? { condition } : {}),
    });
    setProblem(found);
    if (!found) {
      setCondition('');
      setName('');
    }
  };
  return (
    <form className="ef-bps__add" aria-label="Add a breakpoint" onSubmit={submit}>
      <div className="ef-bps__pick">
        <div className="ef-field">
          <label className="ef-field__label" htmlFor="bp-node">
            Node
          </label>
          <select id="bp-node" className="ef-input" value={node} onChange={(e) => setNode(e.target.value)}>
            <option value="">Any node</option>
            {Object.entries(labels).map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="ef-field">
          <label className="ef-field__label" htmlFor="bp-hop">
            Stop on
          </label>
          <select id="bp-hop" className="ef-input" value={hop} onChange={(e) => setHop(e.target.value)}>
            <option value={ARRIVAL}>arrival (delivered, published…)</option>
            {HOP_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className="ef-field">
          <label className="ef-field__label" htmlFor="bp-name">
            Name
          </label>
          <input
            id="bp-name"
            className="ef-input"
            value={name}
            placeholder="named after node and condition"
            onChange={(e) => setName(e.target.value)}
          />
        </div>
      </div>
      <div className="ef-field">
        <label className="ef-field__label" htmlFor="bp-condition">
          Condition (CEL, optional)
        </label>
        <span className="ef-bps__hint">variables: event, data, key, type, node, hop</span>
        <CelEditor
          id="bp-condition"
          value={condition}
          context="breakpoint"
          invalid={problem !== null}
          onChange={(v) => (setCondition(v), setProblem(null))}
        />
      </div>
      {problem && (
        <div className="ef-field__error" role="alert">
          {problem.message}
        </div>
      )}
      <button type="submit" className="ef-btn ef-btn--primary ef-btn--small">
        Add breakpoint
      </button>
    </form>
  );
}

/** The Breakpoints tab: every breakpoint of this document session in one place, and a form to add one. */
export function BreakpointsPanel() {
  const list = useAppStore(selectBreakpoints);
  const labels = useNodeLabels();
  return (
    <div className="ef-bps">
      <section className="ef-bps__list" aria-label="Breakpoints">
        {list.length === 0 ? (
          <p className="ef-bps__empty">
            No breakpoints yet. Select a node and tick <strong>Break here</strong> in the inspector, or add a
            conditional one (e.g. <code>data.total &gt; 100 &amp;&amp; type == &quot;OrderPlaced&quot;</code>
            ). The run then pauses on the first matching hop, before anything after it happens.
          </p>
        ) : (
          <ul>
            {list.map((b) => (
              <BreakpointRow key={b.id} b={b} labels={labels} />
            ))}
          </ul>
        )}
      </section>
      <AddBreakpoint labels={labels} />
    </div>
  );
}

/** The dock tab button, with how many breakpoints are enabled. */
export function BreakpointsTabLabel() {
  const enabled = useAppStore((s) => s.breakpoints.filter((b) => b.enabled).length);
  return (
    <>
      Breakpoints <span className={`ef-badge${enabled ? ' is-break' : ''}`}>{enabled}</span>
    </>
  );
}
