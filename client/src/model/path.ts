import type { Hop } from '@eventflow/shared';

/** What of the canvas an event's path lights up: nodes and edges in the order they were first visited. */
export interface PathHighlight {
  /** Node id → 1-based order of its first visit. */
  nodes: Record<string, number>;
  /** Edge id → 1-based order of its first traversal. */
  edges: Record<string, number>;
}

export const EMPTY_HIGHLIGHT: PathHighlight = { nodes: {}, edges: {} };

/**
 * The nodes and edges the hops visited (all of them: fan-out branches, retries at the same consumer and
 * chained child events included). Hops are expected in `seq` order, as `trace:get` returns them.
 */
export function pathHighlight(hops: readonly Hop[]): PathHighlight {
  const nodes: Record<string, number> = {};
  const edges: Record<string, number> = {};
  let n = 0;
  let e = 0;
  for (const h of hops) {
    if (h.edge !== undefined && edges[h.edge] === undefined) edges[h.edge] = ++e;
    // A dead-letter hop names the edge to the DLQ but happens at the consumer: the DLQ topic lights up with its own `published` hop.
    if (nodes[h.node] === undefined) nodes[h.node] = ++n;
  }
  return { nodes, edges };
}

/** Clamps a step index into the hops of a path; -1 when there are none. */
export function clampStep(index: number, count: number): number {
  if (count === 0) return -1;
  return Math.min(Math.max(0, index), count - 1);
}

/**
 * The hops of `eventId` and of the events chained from it, from hops already on the client (in `seq` order).
 * Shown while `trace:get` is on its way, so a recent event lights up at once; the server's answer replaces it.
 */
export function localPath(hops: readonly Hop[], eventId: string): Hop[] {
  const family = new Set([eventId]);
  const out: Hop[] = [];
  for (const h of hops) {
    if (h.parent !== undefined && family.has(h.parent)) family.add(h.event);
    if (family.has(h.event)) out.push(h);
  }
  return out;
}
