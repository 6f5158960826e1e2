import type { Problem } from '../protocol/result.js';
import type { Through } from './graph-walk.js';
import type { LooseNode } from './loose-flow.js';

const warn = (path: string, message: string): Problem => ({ path, message, severity: 'warning' });
/** A count from possibly invalid config: the schema reports bad values, so warnings use the default. */
const count = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : fallback;

/** A group with more instances than a topic it reads has partitions: the extra instances idle. */
export function instanceWarnings(nodes: readonly LooseNode[], topicsOf: Map<string, LooseNode[]>): Problem[] {
  const out: Problem[] = [];
  const groups = new Map<string, LooseNode[]>();
  for (const n of nodes) {
    if (n.kind !== 'consumer') continue;
    const g = typeof n.config.group === 'string' ? n.config.group : n.id;
    groups.set(g, [...(groups.get(g) ?? []), n]);
  }
  for (const [group, members] of groups) {
    const instances = members.reduce((sum, m) => sum + count(m.config.instances, 1), 0);
    const topics = new Map(members.flatMap((m) => topicsOf.get(m.id) ?? []).map((t) => [t.id, t] as const));
    for (const t of topics.values()) {
      const partitions = count(t.config.partitions, 1);
      if (instances <= partitions) continue;
      out.push(
        warn(
          `nodes[${members[0]!.index}].config.instances`,
          `${instances} instances for ${partitions} partitions: ${instances - partitions} will idle (group '${group}' on topic '${t.id}')`,
        ),
      );
    }
  }
  return out;
}

/** Consumers that emit into topics which, through subscriptions, feed the same consumer again. */
export function chainCycles(
  nodes: readonly LooseNode[],
  byId: Map<string, LooseNode>,
  topicsOf: Map<string, LooseNode[]>,
  through: Through,
  outs: Map<string, string[]>,
): Problem[] {
  const next = new Map<string, string[]>();
  for (const n of nodes) {
    const emitting = [n.config.emits, n.config.emitsOnGiveUp].some((x) => Array.isArray(x) && x.length > 0);
    if (n.kind === 'consumer' && emitting) {
      next.set(
        n.id,
        through(n.id, outs)
          .filter((d) => d.kind === 'topic')
          .map((d) => d.id),
      );
    }
  }
  for (const [consumer, topics] of topicsOf)
    for (const t of topics) next.set(t.id, [...(next.get(t.id) ?? []), consumer]);
  const out: Problem[] = [];
  const reported = new Set<string>();
  for (const n of nodes) {
    if (n.kind !== 'consumer' || reported.has(n.id)) continue;
    // Shortest cycle back to n, by breadth-first search.
    const prev = new Map<string, string>();
    const queue = [n.id];
    let found = false;
    while (queue.length && !found) {
      const id = queue.shift()!;
      for (const m of next.get(id) ?? []) {
        if (m === n.id) {
          prev.set(n.id + '\u0000', id);
          found = true;
          break;
        }
        if (prev.has(m) || !byId.has(m)) continue;
        prev.set(m, id);
        queue.push(m);
      }
    }
    if (!found) continue;
    const cycle: string[] = [n.id];
    for (let at = prev.get(n.id + '\u0000')!; at !== n.id; at = prev.get(at)!) cycle.unshift(at);
    cycle.unshift(n.id);
    cycle.forEach((id) => reported.add(id));
    out.push(
      warn(`nodes[${n.index}]`, `cycle of chained events: ${cycle.join(' → ')}; bounded by maxChainDepth`),
    );
  }
  return out;
}
