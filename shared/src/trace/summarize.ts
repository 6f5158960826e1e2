import type { FlowDoc } from '../flow/schema.js';
import { createHistogram, recordLatency, statsOf, type Histogram } from './histogram.js';
import type { Hop } from './hop.js';
import type { NodeStats, RunSummary } from './summary.js';
import { createCallCount } from './summarize-calls.js';
import { perSecond, statsFor, zeroStats } from './summary-counters.js';
import { groupSummaries, readTopology } from './summarize-topology.js';

export interface SummarizeOptions {
  /** The run's seed, reported as is. */
  seed: number;
  /** Ms the run covered; defaults to the last hop's time. */
  endMs?: number;
  /** An event's ordering key, when known: needed to count per-key order violations (hops do not carry keys). */
  keyOf?: (eventId: string) => string | undefined;
}

/** A run's summary plus what only a recount can see: pairs that got more than one outcome. */
export interface TraceSummary extends RunSummary {
  /** (publication × subscription) pairs with two or more terminal hops: always empty in a correct run. */
  doubleOutcomes: string[];
}

const SUBSCRIPTION_OUTCOMES = new Set<Hop['type']>(['acked', 'dropped', 'dead-lettered', 'expired']);

/**
 * Recounts a run's summary from its trace alone, the way the engine counted it while running: the summary of a
 * broker run (whose deliveries the engine never saw), of a recorded trace opened later, and the check that both
 * agree with the simulator on its own runs (`summarize.test.ts` compares them on every example).
 *
 * A (publication × subscription) pair is named by group, topic, partition and offset. Exact where the engine's
 * counters are, except across a group replay, which fetches an offset a second time without a hop saying so.
 */
export function summarizeTrace(flow: FlowDoc, hops: readonly Hop[], options: SummarizeOptions): TraceSummary {
  const calls = createCallCount(flow);
  const { kindOf, emitsNothing, edgeTopic, groupsOfTopic, groups, reads } = readTopology(
    flow,
    calls.isService,
  );

  const nodes: Record<string, Required<NodeStats>> = {};
  for (const n of flow.nodes) nodes[n.id] = zeroStats();
  const latency = new Map<string, Histogram>();
  const histogramOf = (node: string) => {
    let h = latency.get(node);
    if (!h) latency.set(node, (h = createHistogram()));
    return h;
  };
  const endToEnd = createHistogram();

  const publishedAt = new Map<string, number>();
  const origin = new Map<string, number>();
  /** Pair → time of its fetch, of its first delivery, whether a delivery reached it, whether a filter stopped it. */
  const fetched = new Set<string>();
  const firstDelivery = new Map<string, number>();
  const delivered = new Set<string>();
  /** Pair → its group, for pairs a subscription filter stopped. */
  const stopped = new Map<string, string>();
  /** A delivery (group, event, partition, offset) → the topic it came from: later consumer hops carry no edge. */
  const deliveryTopic = new Map<string, string>();
  // With the consumer node: one event read from two topics at the same partition and offset stays two deliveries.
  // (Not the instance: a hop's instance ordinal is renumbered when the group scales.)
  const deliveryOf = (h: Hop) => `${h.node}|${h.group}|${h.event}|${h.partition}|${h.offset}`;
  const outcomes = new Map<string, number>();
  const processed = new Set<string>();
  const keyOrder = new Map<string, number>();
  let produced = 0;
  let emitted = 0;
  let attempts = 0;
  let failures = 0;
  let redeliveries = 0;
  let duplicatesProcessed = 0;
  let duplicatesSkipped = 0;
  let orderViolations = 0;
  let expected = 0;
  let lastProducedAt = 0;
  let lastAckAt = 0;
  const counted = { acked: 0, dropped: 0, deadLettered: 0, expired: 0 };

  const pairOf = (h: Hop, topic: string) => `${h.group}|${topic}|${h.partition}|${h.offset}`;
  const fetch = (h: Hop, topic: string, pair: string) => {
    if (fetched.has(pair)) return;
    fetched.add(pair);
    nodes[topic]!.out++;
    const at = publishedAt.get(`${topic}|${h.partition}|${h.offset}`);
    if (at !== undefined) recordLatency(histogramOf(topic), h.t - at);
  };

  const chainEnded = (h: Hop) => {
    const ms = h.t - (origin.get(h.event) ?? h.t);
    recordLatency(endToEnd, ms);
    calls.chainEnded(h.event, ms);
  };
  for (const h of hops) {
    const kind = kindOf.get(h.node);
    const stats = nodes[h.node];
    if (!stats) continue;
    calls.count(h, stats, () => histogramOf(h.node));
    switch (h.type) {
      case 'produced':
        produced++;
        lastProducedAt = h.t;
        origin.set(h.event, h.t);
        stats.out++;
        break;
      case 'emitted':
        emitted++;
        origin.set(h.event, origin.get(h.parent ?? '') ?? h.t);
        stats.out++;
        break;
      case 'published': {
        stats.in++;
        publishedAt.set(`${h.node}|${h.partition}|${h.offset}`, h.t);
        const subs = groupsOfTopic.get(h.node) ?? [];
        expected += subs.length;
        for (const g of subs) groups.get(g)!.expected++;
        break;
      }
      case 'routed':
      case 'filtered':
      case 'filter-error':
      case 'unrouted': {
        stats.in++;
        if (h.type === 'routed') stats.out++;
        else if (h.type === 'filtered') stats.filtered++;
        else if (h.type === 'filter-error') stats.filterErrors++;
        else stats.dropped++;
        // A filter on a subscription path: this is the group fetching the entry.
        const topic = h.group !== undefined && h.edge !== undefined ? edgeTopic.get(h.edge) : undefined;
        if (topic !== undefined) {
          const pair = pairOf(h, topic);
          fetch(h, topic, pair);
          if (h.type !== 'routed') stopped.set(pair, h.group!);
        }
        break;
      }
      case 'delivered': {
        stats.in++;
        attempts++;
        if ((h.attempt ?? 1) > 1) redeliveries++;
        const topic = h.edge !== undefined ? edgeTopic.get(h.edge) : undefined;
        if (topic !== undefined) {
          const pair = pairOf(h, topic);
          fetch(h, topic, pair);
          delivered.add(pair);
          deliveryTopic.set(deliveryOf(h), topic);
          if (!firstDelivery.has(pair)) firstDelivery.set(pair, h.t);
        }
        break;
      }
      case 'failed':
        failures++;
        stats.failed++;
        break;
      case 'duplicate-skipped':
        duplicatesSkipped++;
        stats.duplicatesSkipped++;
        groups.get(h.group ?? '')!.duplicatesSkipped++;
        break;
      case 'processed': {
        const g = groups.get(h.group ?? '');
        const once = `${h.group}|${h.event}`;
        if (processed.has(once)) {
          duplicatesProcessed++;
          if (g) g.duplicatesProcessed++;
        } else {
          processed.add(once);
          if (emitsNothing.has(h.node)) chainEnded(h);
        }
        const key = options.keyOf?.(h.event);
        const topic = deliveryTopic.get(deliveryOf(h));
        if (key !== undefined && topic !== undefined && h.offset !== undefined) {
          const order = `${topic}|${h.group}|${key}`;
          const last = keyOrder.get(order);
          if (last !== undefined && last > h.offset) {
            orderViolations++;
            if (g) g.orderViolations++;
          } else keyOrder.set(order, h.offset);
        }
        break;
      }
      // A store's writes (stored or refused) and a projection's live steps; a rebuild's steps have no edge.
      case 'stored':
      case 'store-conflict':
      case 'store-error':
      case 'projected':
      case 'projection-error':
        if (h.edge === undefined) break;
        stats.in++;
        if (h.type === 'stored' || h.type === 'projected') stats.out++;
        else stats.failed++;
        break;
      case 'read':
      case 'stale-read': {
        const r = reads.get(h.node);
        if (!r) break;
        r.reads++;
        if (h.type === 'stale-read') r.stale++;
        break;
      }
      default:
        break;
    }
    if (SUBSCRIPTION_OUTCOMES.has(h.type)) {
      const g = h.group === undefined ? undefined : groups.get(h.group);
      if (h.type === 'dropped') stats.dropped++;
      if (h.type === 'acked') stats.acked++;
      if (h.type === 'dead-lettered') stats.deadLettered++;
      if (h.type === 'expired') stats.expired++;
      if (!g) continue;
      const topic = h.type === 'expired' ? h.node : deliveryTopic.get(deliveryOf(h));
      const pair = topic === undefined ? `${h.group}|${h.event}` : pairOf(h, topic);
      outcomes.set(pair, (outcomes.get(pair) ?? 0) + 1);
      if (h.type === 'acked') {
        counted.acked++;
        g.acked++;
        g.lastAckAt = h.t;
        lastAckAt = h.t;
        if (kind === 'webhook' && h.status !== undefined && h.status < 300) chainEnded(h);
      } else if (h.type === 'dropped') {
        counted.dropped++;
        g.dropped++;
      } else if (h.type === 'dead-lettered') {
        counted.deadLettered++;
        g.deadLettered++;
      } else {
        counted.expired++;
        g.expired++;
      }
      const since = firstDelivery.get(pair);
      if (h.type !== 'expired' && since !== undefined) recordLatency(histogramOf(h.node), h.t - since);
    }
  }

  // A pair a filter stopped and no path delivered: the subscription's outcome is `filtered`.
  let filtered = 0;
  const filteredOf = new Map<string, number>();
  for (const [pair, group] of stopped) {
    if (delivered.has(pair)) continue;
    filtered++;
    filteredOf.set(group, (filteredOf.get(group) ?? 0) + 1);
    outcomes.set(pair, (outcomes.get(pair) ?? 0) + 1);
  }
  const accounted = counted.acked + counted.dropped + counted.deadLettered + counted.expired + filtered;
  const inFlight = Math.max(0, expected - accounted);
  const doubleOutcomes = [...outcomes].filter(([, n]) => n > 1).map(([pair]) => pair);

  const groupList = groupSummaries(groups, filteredOf);

  const nodeStats: Record<string, NodeStats> = {};
  const latencyNodes: RunSummary['latency']['nodes'] = {};
  for (const n of flow.nodes) {
    const s = nodes[n.id]!;
    nodeStats[n.id] = statsFor(n.kind, s);
    if (n.kind === 'topic' || n.kind === 'consumer' || n.kind === 'webhook')
      latencyNodes[n.id] = statsOf(latency.get(n.id) ?? createHistogram());
  }
  const last = hops.length ? hops[hops.length - 1]! : undefined;
  return {
    flow: flow.name,
    seed: options.seed,
    simulatedMs: options.endMs ?? last?.t ?? 0,
    hops: last?.seq ?? 0,
    events: { produced, emitted },
    outcomes: {
      acked: counted.acked,
      filtered,
      dropped: counted.dropped,
      deadLettered: counted.deadLettered,
      expired: counted.expired,
      inFlight,
    },
    processing: { attempts, failures, redeliveries, duplicatesProcessed, duplicatesSkipped, orderViolations },
    conservation: { ok: doubleOutcomes.length === 0 && accounted <= expected, expected, accounted },
    nodes: nodeStats,
    groups: groupList,
    latency: { nodes: latencyNodes, endToEnd: statsOf(endToEnd), ...calls.endToEndBy() },
    throughput: {
      producedPerSecond: perSecond(produced, lastProducedAt),
      ackedPerSecond: perSecond(counted.acked, lastAckAt),
    },
    ...(reads.size ? { reads: Object.fromEntries(reads) } : {}),
    doubleOutcomes,
  };
}
