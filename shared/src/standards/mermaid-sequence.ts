import type { FlowDoc } from '../flow/schema.js';
import type { Hop } from '../trace/hop.js';
import { formatSimDuration } from '../trace/time-format.js';
import { mermaidIds, mermaidText } from './mermaid-text.js';

/** The event and every event chained from it (children via `parent`, their children, …), in seq order. */
function hopsOfChain(hops: readonly Hop[], eventId: string): Hop[] {
  const chain = new Set([eventId]);
  const out: Hop[] = [];
  for (const h of [...hops].sort((a, b) => a.seq - b.seq)) {
    if (h.parent !== undefined && chain.has(h.parent)) chain.add(h.event);
    if (chain.has(h.event)) out.push(h);
  }
  return out;
}

// Hops where the attempt number tells the reader something: the retries of one delivery.
const ATTEMPTED = new Set<Hop['type']>(['delivered', 'failed', 'retry-scheduled', 'dead-lettered', 'acked']);

/** What locates the hop for a reader: partition and offset where it was stored, group and attempt where delivered. */
function place(h: Hop): string {
  const parts: string[] = [];
  if (h.type === 'published' && h.partition !== undefined)
    parts.push(`partition ${h.partition}${h.offset === undefined ? '' : `, offset ${h.offset}`}`);
  if (h.type === 'delivered' && h.group !== undefined)
    parts.push(`group ${h.group}${h.instance === undefined ? '' : `, instance ${h.instance}`}`);
  if (h.attempt !== undefined && ATTEMPTED.has(h.type)) parts.push(`attempt ${h.attempt}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

const HOP_WORDS: Partial<Record<Hop['type'], string>> = {
  'retry-scheduled': 'retry scheduled',
  'dead-lettered': 'dead-lettered',
  'duplicate-skipped': 'duplicate skipped',
  'publish-failed': 'publish failed',
  'filter-error': 'filter error',
};

// Hops that end (this part of) the journey badly: drawn with a cross arrow.
const BAD = new Set<Hop['type']>([
  'failed',
  'dropped',
  'filtered',
  'filter-error',
  'unrouted',
  'publish-failed',
  'expired',
  'crashed',
  'call-failed',
  'call-timed-out',
]);

/**
 * One event's path as a Mermaid `sequenceDiagram`: the nodes it (and the events chained from it) visited are
 * the participants, in order of first appearance; each hop is a message, an arrow along the edge it travelled
 * (`published`, `delivered`, an ack back to the topic it came from) or a note on its node (`retry-scheduled`,
 * `emitted`, …), each prefixed by its time since the event was produced (`+12 ms`). `hops` may hold other
 * events too: only `eventId`'s chain is drawn. Empty of messages when no hop of it is given.
 */
export function eventPathToMermaid(flow: FlowDoc, hops: readonly Hop[], eventId: string): string {
  const chain = hopsOfChain(hops, eventId);
  const edges = new Map(flow.edges.map((e) => [e.id, e] as const));
  const labels = new Map(flow.nodes.map((n) => [n.id, n.label ?? n.id] as const));
  const ids = mermaidIds([...flow.nodes.map((n) => n.id), ...chain.map((h) => h.node)]);
  const seen: string[] = [];
  const who = (node: string): string => {
    if (!seen.includes(node)) seen.push(node);
    return ids.get(node) ?? node;
  };
  const filters = new Set(flow.nodes.filter((n) => n.kind === 'filter').map((n) => n.id));
  // Per event and node: the node it last arrived from. An ack goes back through filters to the topic.
  const cameFrom = new Map<string, string>();
  const ackTarget = (event: string, node: string): string | undefined => {
    let at = cameFrom.get(`${event} ${node}`);
    for (let i = 0; at !== undefined && filters.has(at) && i < 16; i++)
      at = cameFrom.get(`${event} ${at}`) ?? at;
    return at;
  };
  const start = chain[0]?.t ?? 0;
  const body: string[] = [];
  for (const h of chain) {
    const at = `+${formatSimDuration(h.t - start)}`;
    const word = HOP_WORDS[h.type] ?? h.type;
    const child = h.event === eventId ? '' : ` ${h.event}`;
    const why = h.reason === undefined ? '' : `: ${h.reason}`;
    const status = h.status === undefined ? '' : ` HTTP ${h.status}`;
    const text = mermaidText(`${at} ${word}${child}${place(h)}${status}${why}`);
    const edge = h.edge === undefined ? undefined : edges.get(h.edge);
    const along = edge && edge.target === h.node && edge.source !== h.node ? edge : undefined;
    // The sender first, so participants line up in the order the event met them.
    const from = along ? who(along.source) : undefined;
    const here = who(h.node);
    if (along) cameFrom.set(`${h.event} ${h.node}`, along.source);
    const back = h.type === 'acked' ? ackTarget(h.event, h.node) : undefined;
    if (along && from !== undefined) {
      const arrow = BAD.has(h.type) ? '-x' : along.role === 'dead-letter' ? '-->>' : '->>';
      body.push(`  ${from}${arrow}${here}: ${text}`);
    } else if (back !== undefined) {
      body.push(`  ${here}-->>${who(back)}: ${text}`);
    } else if (BAD.has(h.type)) {
      body.push(`  ${here}-x${here}: ${text}`);
    } else {
      body.push(`  Note over ${here}: ${text}`);
    }
  }
  const participants = seen.map(
    (n) => `  participant ${ids.get(n) ?? n} as ${mermaidText(labels.get(n) ?? n)}`,
  );
  return `${['sequenceDiagram', `  title ${mermaidText(`Event ${eventId}`)}`, ...participants, ...body].join('\n')}\n`;
}
