import type {
  EdgeMetrics,
  GroupSummary,
  LatencyStats,
  NodeMetrics,
  NodeStats,
  RunSummary,
} from '@eventflow/shared';
import type { Ctx } from './ctx.js';
import { engineKind } from './kinds/registry.js';
import { statsOf } from './latency.js';

/** Pairs still owed an outcome: entries a group has not fetched, plus deliveries held by instances. */
export function inFlightOf(s: Ctx): number {
  let n = 0;
  for (const sub of s.subs) {
    const logs = s.topics[sub.topic]!.logs;
    for (let p = 0; p < logs.length; p++) n += logs[p]!.end - sub.next[p]!;
    n += sub.pending.length;
  }
  for (const inst of s.instances) n += (inst.current ? 1 : 0) + inst.retries.length;
  return n;
}

/** Per second of simulated time from 0 to `ms`; 0 before any time has passed. */
const perSecond = (n: number, ms: number) => (ms > 0 ? (n * 1000) / ms : 0);

/** In flight per group: the same two parts as `inFlightOf`, attributed to the group that owes them. */
function inFlightByGroup(s: Ctx): Float64Array {
  const n = new Float64Array(s.groups.length);
  for (const sub of s.subs) {
    const logs = s.topics[sub.topic]!.logs;
    for (let p = 0; p < logs.length; p++) n[sub.group]! += logs[p]!.end - sub.next[p]!;
    n[sub.group]! += sub.pending.length;
  }
  for (const inst of s.instances) {
    n[s.consumers[inst.consumer]!.group]! += (inst.current ? 1 : 0) + inst.retries.length;
  }
  return n;
}

function groupsOf(s: Ctx): GroupSummary[] {
  const inFlight = inFlightByGroup(s);
  return s.groups
    .map((g, i) => ({
      group: g.name,
      consumers: s.consumers.filter((c) => c?.group === i).map((c) => s.nodeIds[c!.node]!),
      expected: g.counts.expected,
      acked: g.counts.acked,
      filtered: g.counts.filtered,
      dropped: g.counts.dropped,
      deadLettered: g.counts.deadLettered,
      expired: g.counts.expired,
      inFlight: inFlight[i]!,
      duplicatesProcessed: g.counts.duplicatesProcessed,
      duplicatesSkipped: g.counts.duplicatesSkipped,
      orderViolations: g.counts.orderViolations,
      ackedPerSecond: perSecond(g.counts.acked, g.counts.lastAckAt),
    }))
    .filter((_, i) => !isServiceGroup(s, i));
}

/** A group of called consumers only: they answer calls and are owed no events, so it has no column. */
const isServiceGroup = (s: Ctx, group: number): boolean => {
  const members = s.consumers.filter((c) => c?.group === group);
  return members.length > 0 && members.every((c) => s.services[c!.node] !== undefined);
};

function latencyOf(s: Ctx): RunSummary['latency'] {
  const nodes: Record<string, LatencyStats> = {};
  s.nodeIds.forEach((id, i) => {
    const h = s.latency.nodes[i];
    if (h) nodes[id] = statsOf(h);
  });
  const byProducer: Record<string, LatencyStats> = {};
  s.nodeIds.forEach((id, i) => {
    const h = s.latency.byProducer[i];
    if (h) byProducer[id] = statsOf(h);
  });
  // Only a flow with several sources has designs to tell apart; one producer's figure is `endToEnd` itself.
  const several = Object.keys(byProducer).length > 1;
  return { nodes, endToEnd: statsOf(s.latency.endToEnd), ...(several ? { endToEndBy: byProducer } : {}) };
}

/** Row reads per consumer with a query edge, by node id (absent when no consumer reads a projection). */
function readsOf(s: Ctx): Pick<RunSummary, 'reads'> {
  const reads: NonNullable<RunSummary['reads']> = {};
  s.nodeIds.forEach((id, i) => {
    const q = s.consumers[i]?.query;
    if (q) reads[id] = { reads: q.reads, stale: q.stale };
  });
  return Object.keys(reads).length ? { reads } : {};
}

export function summaryOf(s: Ctx): RunSummary {
  const c = s.counters;
  const inFlight = inFlightOf(s);
  const nodes: Record<string, NodeStats> = {};
  s.nodeIds.forEach((id, i) => (nodes[id] = engineKind(s.nodes[i]!.kind).stats(s, i)));
  return {
    flow: s.flow.name,
    seed: s.seed,
    simulatedMs: s.now,
    hops: s.hops.last,
    events: { produced: c.produced, emitted: c.emitted },
    outcomes: {
      acked: c.acked,
      filtered: c.filtered,
      dropped: c.dropped,
      deadLettered: c.deadLettered,
      expired: c.expired,
      inFlight,
    },
    processing: {
      attempts: c.attempts,
      failures: c.failures,
      redeliveries: c.redeliveries,
      duplicatesProcessed: c.duplicatesProcessed,
      duplicatesSkipped: c.duplicatesSkipped,
      orderViolations: c.orderViolations,
    },
    conservation: { ok: c.expected === c.accounted + inFlight, expected: c.expected, accounted: c.accounted },
    nodes,
    groups: groupsOf(s),
    latency: latencyOf(s),
    throughput: {
      producedPerSecond: perSecond(c.produced, c.lastProducedAt),
      ackedPerSecond: perSecond(c.acked, c.lastAckAt),
    },
    ...readsOf(s),
  };
}

/** Live metrics; rates are per simulated second since the previous call. */
export function createMetrics(s: Ctx) {
  let prevT = 0;
  let prevOut = new Float64Array(s.nodeIds.length);
  let prevEdge = new Float64Array(s.edgeIds.length);
  return (): { nodes: Record<string, NodeMetrics>; edges: Record<string, EdgeMetrics> } => {
    const c = s.counters;
    const dt = (s.now - prevT) / 1000;
    const rate = (now: number, before: number) => (dt > 0 ? (now - before) / dt : 0);
    const nodes: Record<string, NodeMetrics> = {};
    s.nodeIds.forEach((id, i) => {
      const m: NodeMetrics = {
        in: c.nodeIn[i]!,
        out: c.nodeOut[i]!,
        rate: rate(c.nodeOut[i]! + c.nodeIn[i]!, prevOut[i]!),
        inFlight: 0,
        failures: c.nodeFailed[i]!,
      };
      engineKind(s.nodes[i]!.kind).metrics?.(s, i, m);
      nodes[id] = m;
    });
    const edges: Record<string, EdgeMetrics> = {};
    s.edgeIds.forEach(
      (id, i) => (edges[id] = { count: c.edgeCount[i]!, rate: rate(c.edgeCount[i]!, prevEdge[i]!) }),
    );
    prevT = s.now;
    prevOut = Float64Array.from(s.nodeIds.map((_, i) => c.nodeOut[i]! + c.nodeIn[i]!));
    prevEdge = Float64Array.from(c.edgeCount);
    return { nodes, edges };
  };
}
