import type { FlowDoc } from '../flow/schema.js';
import { compileTopology } from '../flow/graph.js';
import type { GroupSummary } from './summary.js';
import { newGroup, perSecond, type GroupCounts } from './summary-counters.js';

/**
 * What a recount of the trace needs to know of the flow before the first hop: each node's kind, the
 * consumers that end a chain, which topic each subscription edge reads, the groups per topic, every group
 * zeroed with its consumers and webhooks (a service's consumer answers calls and is in none), and a zeroed
 * read count per projection a query edge reads.
 */
export function readTopology(flow: FlowDoc, isService: (nodeId: string) => boolean) {
  const topo = compileTopology(flow);
  const kindOf = new Map(flow.nodes.map((n) => [n.id, n.kind] as const));
  const emitsNothing = new Set(
    flow.nodes.filter((n) => n.kind === 'consumer' && n.config.emits.length === 0).map((n) => n.id),
  );
  /** Subscription edges (topic → filters → consumer) → the topic they read. */
  const edgeTopic = new Map<string, string>();
  const groupsOfTopic = new Map<string, string[]>();
  for (const [topic, subs] of topo.subscriptions) {
    groupsOfTopic.set(
      topic,
      subs.map((s) => s.group),
    );
    for (const s of subs)
      for (const m of s.members) for (const p of m.paths) for (const e of p.edges) edgeTopic.set(e, topic);
  }
  const groups = new Map<string, GroupCounts>();
  const reads = new Map<string, { reads: number; stale: number }>(
    [...topo.queries.keys()].sort().map((id) => [id, { reads: 0, stale: 0 }]),
  );
  const members = flow.nodes
    .filter((n) => (n.kind === 'consumer' && !isService(n.id)) || n.kind === 'webhook')
    .map((n) => n.id)
    .sort();
  for (const id of members) {
    const g = topo.groupOf(id);
    const entry = groups.get(g) ?? newGroup([]);
    entry.consumers.push(id);
    groups.set(g, entry);
  }
  return { kindOf, emitsNothing, edgeTopic, groupsOfTopic, groups, reads };
}

/** Each group's figures for the summary; `filteredOf` counts, per group, the pairs a filter alone stopped. */
export function groupSummaries(
  groups: ReadonlyMap<string, GroupCounts>,
  filteredOf: ReadonlyMap<string, number>,
): GroupSummary[] {
  return [...groups].map(([name, g]) => {
    const groupFiltered = filteredOf.get(name) ?? 0;
    const settled = g.acked + g.dropped + g.deadLettered + g.expired + groupFiltered;
    return {
      group: name,
      consumers: g.consumers,
      expected: g.expected,
      acked: g.acked,
      filtered: groupFiltered,
      dropped: g.dropped,
      deadLettered: g.deadLettered,
      expired: g.expired,
      inFlight: Math.max(0, g.expected - settled),
      duplicatesProcessed: g.duplicatesProcessed,
      duplicatesSkipped: g.duplicatesSkipped,
      orderViolations: g.orderViolations,
      ackedPerSecond: perSecond(g.acked, g.lastAckAt),
    };
  });
}
