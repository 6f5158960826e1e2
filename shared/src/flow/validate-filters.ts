import type { Problem } from '../protocol/result.js';
import type { Through } from './graph-walk.js';
import type { LooseNode } from './loose-flow.js';

const err = (path: string, message: string): Problem => ({ path, message, severity: 'error' });

/** Filters: no cycle among them, an input and an output each, on a publish or a subscription path. */
export function filterRules(
  nodes: readonly LooseNode[],
  byId: Map<string, LooseNode>,
  outs: Map<string, string[]>,
  through: Through,
): Problem[] {
  const out: Problem[] = [];
  const ins = new Map<string, string[]>();
  for (const [s, ts] of outs) for (const t of ts) ins.set(t, [...(ins.get(t) ?? []), s]);
  const inCycle = new Set<string>();
  for (const f of nodes) {
    if (f.kind !== 'filter' || inCycle.has(f.id)) continue;
    const cycle = filterCycle(f.id, byId, outs);
    if (cycle) {
      cycle.forEach((id) => inCycle.add(id));
      out.push(
        err(
          `nodes[${f.index}]`,
          `filters form a cycle: ${[...cycle, f.id].map((id) => `'${id}'`).join(' → ')}`,
        ),
      );
    }
  }
  for (const f of nodes) {
    if (f.kind !== 'filter' || inCycle.has(f.id)) continue;
    const at = `nodes[${f.index}]`;
    const up = through(f.id, ins);
    const down = through(f.id, outs);
    if (up.length === 0)
      out.push(err(at, `filter '${f.id}' has no input: connect a producer, consumer or topic to it`));
    if (down.length === 0)
      out.push(err(at, `filter '${f.id}' leads nowhere: connect it to a topic or a consumer`));
    if (up.length === 0 || down.length === 0) continue;
    const publish = up.every((u) => u.kind !== 'topic') && down.every((d) => d.kind === 'topic');
    const subscribe =
      up.every((u) => u.kind === 'topic') && down.every((d) => d.kind === 'consumer' || d.kind === 'webhook');
    if (!publish && !subscribe) {
      const from = up.map((u) => `${u.kind} '${u.id}'`).join(', ');
      const to = down.map((d) => `${d.kind} '${d.id}'`).join(', ');
      out.push(
        err(
          at,
          `filter '${f.id}' must sit on a publish path (producers/consumers → topics) or a subscription path (a topic → consumers), but it connects ${from} to ${to}`,
        ),
      );
    }
  }
  return out;
}

function filterCycle(
  start: string,
  byId: Map<string, LooseNode>,
  outs: Map<string, string[]>,
): string[] | undefined {
  const path: string[] = [];
  const onPath = new Set<string>();
  const done = new Set<string>();
  const dfs = (id: string): string[] | undefined => {
    path.push(id);
    onPath.add(id);
    for (const next of outs.get(id) ?? []) {
      if (byId.get(next)?.kind !== 'filter') continue;
      if (next === start) return [...path];
      if (onPath.has(next) || done.has(next)) continue;
      const found = dfs(next);
      if (found) return found;
    }
    path.pop();
    onPath.delete(id);
    done.add(id);
    return undefined;
  };
  return dfs(start);
}
