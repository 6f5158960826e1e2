import {
  DEFAULT_ROUTE,
  type FlowDoc,
  type FlowEdge,
  type FlowNode,
  type NodeKind,
  type NodeOf,
} from '../flow/schema.js';
import { defaultCall } from '../flow/call.js';
import { defaultQuery } from '../flow/query.js';
import { NODE_KINDS } from '../kinds/names.js';
import { mermaidIds, mermaidLabel } from './mermaid-text.js';

export { eventPathToMermaid } from './mermaid-sequence.js';
export { MERMAID_ID, mermaidText } from './mermaid-text.js';

/**
 * The app's kind colours (light theme), so a diagram pasted into docs reads like the canvas. They mirror the
 * client's `nodes/<kind>/meta.ts` (shared may not import the client); a client test keeps the two equal.
 */
export const MERMAID_KIND_COLOURS: Readonly<Record<NodeKind, string>> = {
  producer: '#16a34a',
  topic: '#7c3aed',
  filter: '#d97706',
  router: '#0d9488',
  consumer: '#2563eb',
  webhook: '#c026d3',
  'event-store': '#b45309',
  projection: '#0284c7',
};

/** Mermaid's shape brackets per kind: stadium, cylinder, rhombus, rectangle, subroutine. */
const SHAPES: Readonly<Record<NodeKind, readonly [string, string]>> = {
  producer: ['([', '])'],
  topic: ['[(', ')]'],
  filter: ['{', '}'],
  router: ['{', '}'],
  consumer: ['[', ']'],
  webhook: ['[[', ']]'],
  'event-store': ['[(', ')]'],
  projection: ['[/', '/]'],
};

const MAX_DETAIL = 48;
const clip = (s: string) => (s.length > MAX_DETAIL ? `${s.slice(0, MAX_DETAIL - 1)}…` : s);

/** The second line of a node's label per kind: what tells two nodes of one kind apart at a glance. */
const DETAILS: { [K in NodeKind]: (node: NodeOf<K>) => string } = {
  producer: (n) => n.config.eventType,
  topic: (n) => `${n.config.partitions} partition${n.config.partitions === 1 ? '' : 's'}`,
  filter: (n) => clip(n.config.expression),
  router: (n) => n.config.mode,
  consumer: (n) => `group ${n.config.group ?? n.id}`,
  webhook: (n) => clip(n.config.url),
  'event-store': (n) => clip(`by ${n.config.aggregateId}`),
  projection: (n) => `lag ${n.config.lagMs} ms`,
};
// Generic in K so the node and its kind's entry stay correlated.
const detailOf = <K extends NodeKind>(node: NodeOf<K>): string => DETAILS[node.kind as K](node);

/** The colour of a service call edge on the canvas (`--call`): calls read apart from event arrows. */
export const MERMAID_CALL_COLOUR = '#4f46e5';
/** The colour of a query edge on the canvas (`--query`): a consumer reading a projection row. */
export const MERMAID_QUERY_COLOUR = '#0f766e';

/** The text on an edge: a router's rule (or its default route), the dead-letter role, a call; none otherwise. */
function edgeLabel(edge: FlowEdge, source: FlowNode): string | undefined {
  if (edge.role === 'dead-letter') return 'dead-letter';
  if (edge.role === 'call') return `call · timeout ${(edge.call ?? defaultCall()).timeoutMs} ms`;
  if (edge.role === 'query') return `query · ${(edge.query ?? defaultQuery()).key}`;
  if (source.kind !== 'router' || edge.sourceHandle === undefined) return undefined;
  if (edge.sourceHandle === DEFAULT_ROUTE) return 'default';
  return source.config.rules.find((r) => r.id === edge.sourceHandle)?.label ?? edge.sourceHandle;
}

/**
 * The flow as a Mermaid `flowchart LR`: one node per flow node, shaped by kind and coloured by a `classDef`
 * per kind, and one arrow per edge (dotted for dead-letter edges; dashed, labelled and in the call colour for
 * service calls; labelled with router rules). Node ids are
 * mapped to safe Mermaid identifiers (`n_…`, see `mermaidIds`), labels are quoted and escaped.
 */
export function flowToMermaid(flow: FlowDoc): string {
  const ids = mermaidIds(flow.nodes.map((n) => n.id));
  const byId = new Map(flow.nodes.map((n) => [n.id, n] as const));
  const out = ['---', `title: ${JSON.stringify(flow.name)}`, '---', 'flowchart LR'];
  for (const n of flow.nodes) {
    const [open, close] = SHAPES[n.kind];
    out.push(`  ${ids.get(n.id)}${open}${mermaidLabel(`${n.label ?? n.id}\n${detailOf(n)}`)}${close}`);
  }
  // Mermaid styles links by their index among the link statements, so calls are counted as they are written.
  const calls: number[] = [];
  const queries: number[] = [];
  let links = 0;
  for (const e of flow.edges) {
    const source = byId.get(e.source);
    const from = ids.get(e.source);
    const to = ids.get(e.target);
    if (!source || !from || !to) continue;
    const label = edgeLabel(e, source);
    const arrow = e.role === 'dead-letter' || e.role === 'call' || e.role === 'query' ? '-.->' : '-->';
    if (e.role === 'call') calls.push(links);
    if (e.role === 'query') queries.push(links);
    links += 1;
    out.push(`  ${from} ${arrow}${label === undefined ? '' : `|${mermaidLabel(label)}|`} ${to}`);
  }
  if (calls.length)
    out.push(
      `  linkStyle ${calls.join(',')} stroke:${MERMAID_CALL_COLOUR},stroke-dasharray:6 4,color:${MERMAID_CALL_COLOUR}`,
    );
  if (queries.length)
    out.push(
      `  linkStyle ${queries.join(',')} stroke:${MERMAID_QUERY_COLOUR},stroke-dasharray:8 3 2 3,color:${MERMAID_QUERY_COLOUR}`,
    );
  for (const kind of NODE_KINDS) {
    const members = flow.nodes.filter((n) => n.kind === kind);
    if (members.length === 0) continue;
    const colour = MERMAID_KIND_COLOURS[kind];
    out.push(`  classDef ${kind} fill:${colour},stroke:${colour},color:#ffffff`);
    out.push(`  class ${members.map((n) => ids.get(n.id)).join(',')} ${kind}`);
  }
  return `${out.join('\n')}\n`;
}
