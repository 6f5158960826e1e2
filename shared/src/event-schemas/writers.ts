import type { LooseEdge, LooseNode } from '../flow/loose-flow.js';

/** Who wrote an event that arrives somewhere: the producer or emitting consumer, its type and named version. */
export interface Writer {
  source: string;
  eventType: string;
  /** The version the writer names (a producer's `schemaVersion`); absent means the type's newest. */
  version: number | undefined;
}

const str = (x: unknown): string | undefined => (typeof x === 'string' && x.length > 0 ? x : undefined);
const int = (x: unknown): number | undefined =>
  typeof x === 'number' && Number.isInteger(x) ? x : undefined;
const list = (x: unknown): Record<string, unknown>[] =>
  Array.isArray(x) ? x.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null) : [];

/**
 * The writers whose events reach each consumer (and webhook): producers' events carried through filters,
 * routers and topics, consumers' emits, and a consumer's dead letters passed on unchanged to its DLQ topic.
 * Conservative like the graph checks: a filter or router may pass any event, so each is assumed to.
 */
export function writersReaching(
  nodes: readonly LooseNode[],
  edges: readonly LooseEdge[],
): Map<string, Writer[]> {
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const outs = new Map<string, LooseEdge[]>();
  for (const e of edges) outs.set(e.source, [...(outs.get(e.source) ?? []), e]);
  const reached = new Map<string, Map<string, Writer>>();
  const stack: [string, Writer][] = [];
  const send = (from: string, w: Writer, only?: LooseEdge['role']) => {
    for (const e of outs.get(from) ?? []) if (!only || e.role === only) stack.push([e.target, w]);
  };
  for (const n of nodes) {
    if (n.kind === 'producer' && str(n.config.eventType))
      send(n.id, { source: n.id, eventType: str(n.config.eventType)!, version: int(n.config.schemaVersion) });
    if (n.kind === 'consumer')
      for (const e of [...list(n.config.emits), ...list(n.config.emitsOnGiveUp)])
        if (str(e.eventType))
          send(n.id, { source: n.id, eventType: str(e.eventType)!, version: undefined }, 'normal');
  }
  const seen = new Set<string>();
  while (stack.length) {
    const [id, w] = stack.pop()!;
    const key = `${id}|${w.source}|${w.eventType}|${w.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const n = byId.get(id);
    if (!n) continue;
    if (n.kind === 'consumer' || n.kind === 'webhook') {
      const got = reached.get(id) ?? new Map<string, Writer>();
      got.set(key, w);
      reached.set(id, got);
      // What it gives up on goes on, unchanged, to its dead-letter topic.
      if (n.kind === 'consumer') send(id, w, 'dead-letter');
    } else if (n.kind !== 'producer') send(id, w);
  }
  return new Map([...reached].map(([id, m]) => [id, [...m.values()]]));
}
