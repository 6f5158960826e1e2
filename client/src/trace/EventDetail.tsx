import { eventPathToMermaid, explainOutcome, type FlowEvent, type Hop } from '@eventflow/shared';
import { Copy, X } from 'lucide-react';
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CanvasEdge, CanvasNode } from '../model/types';
import { useAppStore, useAppStoreApi } from '../app/use-app-store';
import { formatSimTime } from '../model/format';
import { kindMeta } from '../nodes/kind-meta';
import { Waterfall } from './Waterfall';
import { HopStepper, type StepperNames } from './HopStepper';

const CURRENT: StepperNames = {
  group: 'Step through hops',
  hop: 'Hop',
  previous: 'Previous hop',
  next: 'Next hop',
  testIds: { position: 'trace.position' },
};

/** Subscribers fed from node `from` through any chain of non-subscribers (filters, topics). */
export function subscribersFrom(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  from: string,
): string[] {
  const kind = new Map(nodes.map((n) => [n.id, n.type]));
  const seen = new Set<string>([from]);
  const queue = [from];
  const found: string[] = [];
  while (queue.length) {
    const at = queue.shift() ?? '';
    for (const e of edges) {
      if (e.source !== at || seen.has(e.target)) continue;
      seen.add(e.target);
      const k = kind.get(e.target);
      if (k && kindMeta[k].subscriber) found.push(e.target);
      else queue.push(e.target);
    }
  }
  return found;
}

/** Subscribers fed by each gate (through any chain of filters/topics), so explanations can blame the right filter. */
export function downstreamConsumers(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of nodes.filter((n) => kindMeta[n.type].gate)) out[f.id] = subscribersFrom(nodes, edges, f.id);
  return out;
}

/**
 * A gate's hop that decided where the event went: a filter stopping it, a router dropping it, or a router
 * sending it by its rules (only a router's `routed` hop has a reason), so the subscribers it skipped say why.
 */
const stoppedBy = (h: Hop) =>
  h.type === 'filtered' ||
  h.type === 'unrouted' ||
  (h.type === 'routed' && h.group === undefined && h.reason !== undefined);

/** Where an event never got to be published (its topic was down): the node the subscribers are fed from. */
function unpublishedAt(h: Hop, edges: readonly CanvasEdge[]): string | undefined {
  if (h.type === 'publish-failed') return h.node;
  if (h.type === 'buffered') return edges.find((e) => e.id === h.edge)?.target;
  return undefined;
}

function HopCard({ hop, event, label }: { hop: Hop; event: FlowEvent | undefined; label: string }) {
  const facts: [string, string | number | undefined][] = [
    ['Hop', hop.type],
    ['Node', label],
    // A broker run's clock is the wall clock since the run started (decision 0021), not simulated time.
    [hop.broker ? 'Wall time' : 'Simulated time', formatSimTime(hop.t)],
    ['Edge', hop.edge],
    ['Group', hop.group],
    [
      'Partition / offset',
      hop.partition !== undefined ? `${hop.partition} / ${hop.offset ?? '–'}` : undefined,
    ],
    ['Attempt', hop.attempt],
    ['Instance', hop.instance !== undefined ? `#${hop.instance}` : undefined],
    ['HTTP status', hop.status],
    // Where a broker run's message is on the broker, to find it there with the broker's own tools.
    ['On the broker', hop.broker ? `${hop.broker.broker} · ${hop.broker.resource}` : undefined],
    ['Broker message id', hop.broker?.messageId],
    ['Broker deliveries', hop.broker?.deliveryCount],
    ['Reason', hop.reason],
    ['Seq', hop.seq],
  ];
  return (
    <div className="ef-hopcard" aria-label="Hop detail">
      <dl>
        {facts
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => (
            <div key={k} className={k === 'Reason' ? 'is-reason' : ''}>
              <dt>{k}</dt>
              <dd data-testid={`hop.${k.toLowerCase().replace(/[^a-z]+/g, '-')}`}>{v}</dd>
            </div>
          ))}
      </dl>
      {event && (
        <details className="ef-hopcard__event">
          <summary>CloudEvent {event.id}</summary>
          <pre>{JSON.stringify(event, null, 2)}</pre>
        </details>
      )}
    </div>
  );
}

/** The selected event: why it ended where it did, a hop-by-hop step-through and its waterfall. */
export function EventDetail() {
  const store = useAppStoreApi();
  const sel = useAppStore((s) => s.selection);
  const { nodes, edges } = useAppStore(useShallow((s) => ({ nodes: s.nodes, edges: s.edges })));
  const labels = useMemo(() => Object.fromEntries(nodes.map((n) => [n.id, n.data.label || n.id])), [nodes]);
  const downstream = useMemo(() => downstreamConsumers(nodes, edges), [nodes, edges]);
  const path = sel?.path;
  const count = path?.hops.length ?? 0;
  const index = sel?.index ?? 0;

  useEffect(() => {
    if (!path) return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (
        t &&
        (t.closest('input, textarea, select, [contenteditable="true"]') || t.closest('.react-flow__node'))
      )
        return;
      if (e.key === 'ArrowRight')
        store.getState().setTraceIndex((store.getState().selection?.index ?? 0) + 1);
      else if (e.key === 'ArrowLeft')
        store.getState().setTraceIndex((store.getState().selection?.index ?? 0) - 1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [path, store]);

  if (!sel)
    return <div className="ef-detail is-empty is-wide">Select an event to follow its path hop by hop.</div>;
  if (sel.loading && !sel.path)
    return <div className="ef-detail is-empty is-wide">Loading {sel.eventId}…</div>;
  if (!path)
    return (
      <div className="ef-detail is-empty is-wide" role="alert">
        {sel.error ?? 'No trace'}
      </div>
    );
  const hop = path.hops[index];
  const root = path.events.find((e) => e.id === sel.eventId);
  const subscriptions = nodes.filter((n) => kindMeta[n.type].subscriber).map((n) => n.id);
  const touched = subscriptions.filter(
    (c) =>
      path.hops.some((h) => h.event === sel.eventId && (h.node === c || h.group === c)) ||
      path.hops.some((h) => h.event === sel.eventId && stoppedBy(h) && downstream[h.node]?.includes(c)) ||
      // Lost or held at a down topic: its subscribers are told why nothing reached them.
      path.hops.some((h) => {
        const at = h.event === sel.eventId ? unpublishedAt(h, edges) : undefined;
        return at !== undefined && subscribersFrom(nodes, edges, at).includes(c);
      }),
  );
  const set = (i: number) => store.getState().setTraceIndex(i);
  const copySequence = () => {
    const { present, notify } = store.getState();
    const text = eventPathToMermaid(present, path.hops, sel.eventId);
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    if (!clipboard) return notify('This browser gives no clipboard access.', 'error');
    clipboard
      .writeText(text)
      .then(() => notify(`Mermaid sequence of ${sel.eventId} copied.`))
      .catch(() => notify('Copying was refused by the browser.', 'error'));
  };
  return (
    <>
      <div className="ef-detail" aria-label={`Event ${sel.eventId}`}>
        <div className="ef-detail__head">
          <strong>{sel.eventId}</strong> <span>{root?.type}</span>
          {path.truncated && !sel.loading && <span className="ef-detail__warn">older hops evicted</span>}
          <button
            type="button"
            className="ef-tool"
            aria-label="Copy as Mermaid sequence"
            title="Copy as Mermaid sequence"
            data-testid="trace.copy-mermaid"
            onClick={copySequence}
          >
            <Copy size={14} />
          </button>
          <button
            type="button"
            className="ef-tool"
            aria-label="Close event"
            onClick={() => store.getState().clearSelection()}
          >
            <X size={14} />
          </button>
        </div>
        <ul className="ef-explain" aria-label="Why it ended where it did">
          {touched.map((c) => (
            <li key={c} data-testid={`explain.${c}`}>
              <b>{labels[c]}:</b>{' '}
              {explainOutcome(path.hops, sel.eventId, c, { labels, downstreamOf: downstream })}
            </li>
          ))}
        </ul>
        <HopStepper index={index} count={count} onStep={set} names={CURRENT} />
        {hop && (
          <HopCard
            hop={hop}
            event={path.events.find((e) => e.id === hop.event)}
            label={labels[hop.node] ?? hop.node}
          />
        )}
      </div>
      <Waterfall hops={path.hops} current={index} onPick={set} />
    </>
  );
}
