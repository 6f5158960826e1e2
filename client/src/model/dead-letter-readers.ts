import { throughFiltersAndRouters, type NodeKind } from '@eventflow/shared';
import type { CanvasEdge, CanvasNode } from './types';

const READERS: ReadonlySet<NodeKind> = new Set(['consumer', 'webhook']);

/**
 * The dead-letter side of a flow: every topic some consumer gives up into (a dead-letter edge's target), and the
 * consumers and webhooks that read those topics, through filters and routers. Their "acked" counts dead letters
 * handled, so more or fewer of them is not better or worse by itself (the compare badges say neither). The
 * filters and routers on the way are not in it: they have no acked count to tone.
 */
export function deadLetterSide(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): Set<string> {
  const byId = new Map(nodes.map((n) => [n.id, { id: n.id, kind: n.type }] as const));
  const next = new Map<string, string[]>();
  const side = new Set<string>();
  for (const e of edges) {
    const role = e.data?.role ?? 'normal';
    if (role === 'dead-letter') {
      if (byId.get(e.target)?.kind === 'topic') side.add(e.target);
    } else if (role === 'normal') {
      const outs = next.get(e.source);
      if (outs) outs.push(e.target);
      else next.set(e.source, [e.target]);
    }
  }
  const through = throughFiltersAndRouters(byId);
  for (const topic of [...side])
    for (const n of through(topic, next)) if (READERS.has(n.kind)) side.add(n.id);
  return side;
}
