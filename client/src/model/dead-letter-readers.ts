import type { CanvasEdge, CanvasNode } from './types';

/** Kinds an event passes through on its way from a topic to the consumers that read it. */
const PASS_THROUGH = new Set<string>(['filter', 'router']);
const READERS = new Set<string>(['consumer', 'webhook']);

/**
 * The dead-letter side of a flow: every topic some consumer gives up into (a dead-letter edge's target), and the
 * consumers and webhooks that read those topics, through filters and routers. Their "acked" counts dead letters
 * handled, so more or fewer of them is not better or worse by itself (the compare badges say neither).
 */
export function deadLetterSide(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): Set<string> {
  const kindOf = new Map(nodes.map((n) => [n.id, n.type] as const));
  const next = new Map<string, string[]>();
  const queues: string[] = [];
  for (const e of edges) {
    if (e.data?.role === 'dead-letter') queues.push(e.target);
    else if ((e.data?.role ?? 'normal') === 'normal')
      next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  }
  const side = new Set<string>();
  const walk = (at: string) => {
    for (const to of next.get(at) ?? []) {
      const kind = kindOf.get(to);
      if (kind === undefined || side.has(to)) continue;
      if (READERS.has(kind)) side.add(to);
      else if (PASS_THROUGH.has(kind)) {
        side.add(to);
        walk(to);
      }
    }
  };
  for (const q of queues) {
    if (side.has(q) || kindOf.get(q) !== 'topic') continue;
    side.add(q);
    walk(q);
  }
  return side;
}
