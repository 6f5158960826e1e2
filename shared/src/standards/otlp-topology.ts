import type { FlowDoc, FlowNode } from '../flow/schema.js';

/** What the export asks of the flow: node names and kinds, and which topics a delivery edge reads from. */
export function createTopology(flow: FlowDoc) {
  const nodes = new Map<string, FlowNode>(flow.nodes.map((n) => [n.id, n]));
  const edges = new Map(flow.edges.map((e) => [e.id, e]));
  const inEdges = new Map<string, string[]>();
  for (const e of flow.edges) inEdges.set(e.target, [...(inEdges.get(e.target) ?? []), e.source]);
  const upstream = new Map<string, ReadonlySet<string>>();

  /** Topics feeding `nodeId` through any chain of filters (a subscription path is topic → filters → consumer). */
  function topicsBehind(nodeId: string, seen: Set<string>, out: Set<string>): void {
    if (seen.has(nodeId)) return;
    seen.add(nodeId);
    const n = nodes.get(nodeId);
    if (n?.kind === 'topic') out.add(nodeId);
    else if (n?.kind === 'filter') for (const s of inEdges.get(nodeId) ?? []) topicsBehind(s, seen, out);
  }

  return {
    node: (id: string) => nodes.get(id),
    label: (id: string) => nodes.get(id)?.label ?? id,
    /** Topics a delivery along `edgeId` may have come from; empty when the edge is unknown. */
    topicsOf(edgeId: string | undefined): ReadonlySet<string> {
      if (edgeId === undefined) return new Set();
      const cached = upstream.get(edgeId);
      if (cached) return cached;
      const out = new Set<string>();
      const e = edges.get(edgeId);
      if (e) topicsBehind(e.source, new Set(), out);
      upstream.set(edgeId, out);
      return out;
    },
  };
}
export type Topology = ReturnType<typeof createTopology>;
