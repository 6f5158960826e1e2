import type { Problem } from '../protocol/result.js';
import { canConnect } from './graph.js';
import type { LooseEdge, LooseNode } from './loose-flow.js';
import { isCalled, validateCalls } from './validate-calls.js';
import { validateQueries } from './validate-queries.js';
import { validateRoutes } from './validate-routes.js';

const err = (path: string, message: string): Problem => ({ path, message, severity: 'error' });
const warn = (path: string, message: string): Problem => ({ path, message, severity: 'warning' });
/** A count from possibly invalid config: the schema reports bad values, so warnings use the default. */
const count = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : fallback;

/** Graph rules: ids, edge ends, kinds, filter paths and cycles, dead-letter edges, and advisory warnings. */
export function validateGraph(nodes: readonly LooseNode[], edges: readonly LooseEdge[]): Problem[] {
  const out: Problem[] = [];
  const byId = new Map<string, LooseNode>();
  for (const n of nodes) {
    const first = byId.get(n.id);
    if (first)
      out.push(err(`nodes[${n.index}].id`, `duplicate node id '${n.id}' (also nodes[${first.index}])`));
    else byId.set(n.id, n);
  }
  const edgeIds = new Map<string, number>();
  const valid: LooseEdge[] = [];
  const deadLetters = new Map<string, number>();
  for (const e of edges) {
    const at = `edges[${e.index}]`;
    const seen = edgeIds.get(e.id);
    if (e.id && seen !== undefined)
      out.push(err(`${at}.id`, `duplicate edge id '${e.id}' (also edges[${seen}])`));
    else if (e.id) edgeIds.set(e.id, e.index);
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s) out.push(err(`${at}.source`, `no node '${e.source}'`));
    if (!t) out.push(err(`${at}.target`, `no node '${e.target}'`));
    if (!s || !t) continue;
    if (e.source === e.target) {
      out.push(err(at, 'an edge cannot connect a node to itself'));
      continue;
    }
    const check = canConnect(s.kind, t.kind, e.role);
    if (!check.ok) {
      out.push(err(at, check.reason));
      continue;
    }
    if (e.role === 'dead-letter') {
      const other = deadLetters.get(e.source);
      if (other !== undefined) {
        out.push(err(at, `consumer '${e.source}' already has a dead-letter edge (edges[${other}])`));
        continue;
      }
      deadLetters.set(e.source, e.index);
    }
    valid.push(e);
  }
  const normal = valid.filter((e) => e.role === 'normal');
  const outs = new Map<string, string[]>();
  const ins = new Map<string, string[]>();
  for (const e of normal) {
    outs.set(e.source, [...(outs.get(e.source) ?? []), e.target]);
    ins.set(e.target, [...(ins.get(e.target) ?? []), e.source]);
  }
  out.push(...validateRoutes(byId, normal));
  // Nodes other than filters and routers reached from `start` through those two only, along `next`: both
  // pass an event on along a publish path, so a producer → router → topic publishes to that topic.
  const through = (start: string, next: Map<string, string[]>): LooseNode[] => {
    const found = new Map<string, LooseNode>();
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

  out.push(...filterRules(nodes, byId, outs, through));

  const topicsOf = new Map<string, LooseNode[]>();
  for (const n of nodes) {
    const at = `nodes[${n.index}]`;
    const down = through(n.id, outs);
    const up = through(n.id, ins);
    if (n.kind === 'producer' && !down.some((d) => d.kind === 'topic' || d.kind === 'event-store')) {
      out.push(warn(at, `producer '${n.id}' publishes to no topic`));
    }
    if (n.kind === 'projection') {
      // Its source is drawn straight into it: a store's log, or a topic it subscribes to (decision 0029).
      const sources = (ins.get(n.id) ?? []).flatMap((id) => {
        const k = byId.get(id)?.kind;
        return k === 'event-store' || k === 'topic' ? [`${k} '${id}'`] : [];
      });
      if (sources.length === 0)
        out.push(warn(at, `projection '${n.id}' reads no event store or topic: connect one to it`));
      else if (sources.length > 1)
        out.push(
          err(at, `projection '${n.id}' reads ${sources.join(' and ')}: a projection reads one source`),
        );
    }
    const subscriber = (d: LooseNode) =>
      d.kind === 'consumer' || d.kind === 'webhook' || d.kind === 'projection';
    if (n.kind === 'topic' && !down.some(subscriber))
      out.push(warn(at, `topic '${n.id}' has no subscribers`));
    if (n.kind === 'webhook') {
      const topics = up.filter((u) => u.kind === 'topic');
      topicsOf.set(n.id, topics);
      if (topics.length === 0) out.push(warn(at, `webhook '${n.id}' subscribes to no topic`));
      continue;
    }
    if (n.kind !== 'consumer') continue;
    const topics = up.filter((u) => u.kind === 'topic');
    topicsOf.set(n.id, topics);
    if (topics.length === 0 && !isCalled(n.id, valid))
      out.push(warn(at, `consumer '${n.id}' subscribes to no topic`));
    const emits =
      (Array.isArray(n.config.emits) ? n.config.emits.length : 0) +
      (Array.isArray(n.config.emitsOnGiveUp) ? n.config.emitsOnGiveUp.length : 0);
    const publishes = down.some((d) => d.kind === 'topic' || d.kind === 'event-store');
    if (emits > 0 && !publishes) {
      out.push(
        warn(
          `${at}.config.emits`,
          `consumer '${n.id}' emits events but has no out-edge to a topic: they go nowhere`,
        ),
      );
    }
    if (emits === 0 && publishes) out.push(warn(at, `consumer '${n.id}' has out-edges but emits nothing`));
    if (n.config.delivery === 'at-most-once') {
      for (const field of ['maxAttempts', 'backoffMs', 'retry'] as const) {
        if (n.config[field] !== undefined) {
          out.push(
            warn(`${at}.config.${field}`, `an at-most-once consumer never retries: ${field} has no effect`),
          );
        }
      }
      const dl = deadLetters.get(n.id);
      if (dl !== undefined)
        out.push(warn(`edges[${dl}]`, `an at-most-once consumer never dead-letters: failures are dropped`));
    }
  }
  for (const e of valid) {
    if (e.role !== 'dead-letter' || !topicsOf.get(e.source)?.some((t) => t.id === e.target)) continue;
    out.push(
      err(
        `edges[${e.index}]`,
        `${byId.get(e.source)?.kind ?? 'consumer'} '${e.source}' reads topic '${e.target}' itself: dead-lettering into it would redeliver a failing event forever`,
      ),
    );
  }
  out.push(...validateCalls(byId, valid, topicsOf));
  out.push(...validateQueries(nodes, valid));
  out.push(...instanceWarnings(nodes, topicsOf));
  out.push(...chainCycles(nodes, byId, topicsOf, through, outs));
  return out;
}

type Through = (start: string, next: Map<string, string[]>) => LooseNode[];

function filterRules(
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

function instanceWarnings(nodes: readonly LooseNode[], topicsOf: Map<string, LooseNode[]>): Problem[] {
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
function chainCycles(
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
