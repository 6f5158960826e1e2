import type { NodeKind } from './schema.js';
import type { LooseNode } from './loose-flow.js';

/** The nodes reached from `start` along `next` (see `throughFiltersAndRouters`). */
export type Through<N extends { kind: NodeKind } = LooseNode> = (
  start: string,
  next: Map<string, string[]>,
) => N[];

/**
 * Nodes other than filters and routers reached from `start` through those two only, along `next`: both
 * pass an event on along a publish path, so a producer → router → topic publishes to that topic. Generic in
 * the node record so the client's canvas nodes can be walked too, not only a loosely read document's.
 */
export function throughFiltersAndRouters<N extends { kind: NodeKind }>(byId: Map<string, N>): Through<N> {
  return (start, next) => {
    const found = new Map<string, N>();
    const seen = new Set<string>([start]);
    const stack = [...(next.get(start) ?? [])];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const n = byId.get(id);
      if (!n) continue;
      if (n.kind === 'filter' || n.kind === 'router') stack.push(...(next.get(id) ?? []));
      else found.set(id, n);
    }
    return [...found.values()];
  };
}
