import type { FlowDoc } from '../flow/schema.js';
import { compileTopology } from '../flow/graph.js';
import type { EdgeCounts, NodeCounts } from '../protocol/metrics.js';
import type { Hop } from './hop.js';

/** The per-node and per-edge counters a prefix of the trace adds up to. */
export interface Counts {
  nodes: Record<string, NodeCounts>;
  edges: Record<string, EdgeCounts>;
}

/** A running fold over a run's hops in seq order; `counts()` may be read at every point, and again later. */
export interface CountsFold {
  add(hop: Hop): void;
  counts(): Counts;
}

const FILTER_HOPS: ReadonlySet<Hop['type']> = new Set(['routed', 'filtered', 'filter-error']);

interface TopicCounts {
  /** Per partition: the offset the next publish gets, and the oldest one known to be retained. */
  end: number[];
  start: number[];
  maxEvents: number | undefined;
  /** Per subscribing group, per partition: the next offset the group fetches. */
  next: Map<string, number[]>;
}

/**
 * Recounts a run's live counters from its hops, so a user stepping back sees the figures of that moment.
 * The engine counts as it writes each hop; this reads the same facts off the hops, which is why it needs the
 * flow: which node is a topic, which edge leaves it, which groups read it.
 *
 * Exact for every cumulative counter (in, out, failures, acked, filtered, filterErrors, dropped,
 * deadLettered, expired, edge counts), for partition end offsets, for a consumer's in-flight deliveries
 * and for group lag, except in two places the trace is silent: a `group:replay` moves a group's position
 * without a hop (its lag shows from its next fetch), and an entry that age retention removes after every
 * group fetched it leaves no hop (partition depth then counts it until count retention or an `expired` hop
 * says otherwise). Rates and consumer instances are not derived: they are facts of the moment, not the trace.
 */
export function createCountsFold(flow: FlowDoc): CountsFold {
  const topo = compileTopology(flow);
  const kindOf = new Map(flow.nodes.map((n) => [n.id, n.kind] as const));
  const sourceOf = new Map(flow.edges.map((e) => [e.id, e.source] as const));
  const nodes: Record<string, NodeCounts> = {};
  const topics = new Map<string, TopicCounts>();
  for (const n of flow.nodes) {
    const c: NodeCounts = { in: 0, out: 0, inFlight: 0, failures: 0 };
    if (n.kind === 'topic') {
      const parts = n.config.partitions;
      topics.set(n.id, {
        end: new Array<number>(parts).fill(0),
        start: new Array<number>(parts).fill(0),
        maxEvents: n.config.retention.maxEvents,
        next: new Map(
          (topo.subscriptions.get(n.id) ?? []).map((s) => [s.group, new Array<number>(parts).fill(0)]),
        ),
      });
      c.expired = 0;
    } else if (n.kind === 'consumer' || n.kind === 'webhook') {
      c.acked = 0;
      c.dropped = 0;
      c.deadLettered = 0;
    } else if (n.kind === 'filter') {
      c.filtered = 0;
      c.filterErrors = 0;
    } else if (n.kind === 'router') {
      c.dropped = 0;
      c.filterErrors = 0;
    }
    nodes[n.id] = c;
  }
  const edges: Record<string, EdgeCounts> = {};
  for (const e of flow.edges) edges[e.id] = { count: 0 };
  let prev: Hop | undefined;
  /** Events held by their producer for a down topic (`event|edge`): their later `published` travelled already. */
  const held = new Set<string>();

  const countEdge = (edge: string | undefined) => {
    const e = edge === undefined ? undefined : edges[edge];
    if (e) e.count++;
  };

  /** The fetch the latest subscription hops belong to. */
  let fetch: { event: string; group: string; partition: number; offset: number; topic: string } | undefined;

  /**
   * A consumer-side fetch from a topic writes its first hop at the subscription's first filter, or the
   * delivery itself; the filters behind it (and the next path's, when one filters it out) and the delivery
   * after them repeat the same position. The same event in two topics read by one group is two fetches.
   */
  const onFetch = (h: Hop) => {
    if (h.group === undefined || h.partition === undefined || h.offset === undefined) return;
    if (h.type === 'delivered' ? (h.attempt ?? 1) !== 1 : !FILTER_HOPS.has(h.type)) return;
    const source = h.edge === undefined ? undefined : sourceOf.get(h.edge);
    const topicId = source !== undefined && topics.has(source) ? source : undefined;
    const same =
      fetch !== undefined &&
      prev !== undefined &&
      FILTER_HOPS.has(prev.type) &&
      fetch.event === h.event &&
      fetch.group === h.group &&
      fetch.partition === h.partition &&
      fetch.offset === h.offset &&
      (topicId === undefined || topicId === fetch.topic);
    if (same || topicId === undefined) return;
    fetch = { event: h.event, group: h.group, partition: h.partition, offset: h.offset, topic: topicId };
    const next = topics.get(topicId)!.next.get(h.group);
    if (!next) return;
    nodes[topicId]!.out++;
    next[h.partition] = h.offset + 1;
  };

  const onNode = (h: Hop, c: NodeCounts) => {
    const kind = kindOf.get(h.node);
    switch (h.type) {
      case 'produced':
        if (kind === 'producer') c.out++;
        break;
      case 'emitted':
        c.out++;
        break;
      // The engine counts an edge when the event travels it, whether the topic takes it, holds it or is down.
      case 'buffered':
        countEdge(h.edge);
        held.add(`${h.event}|${h.edge}`);
        break;
      case 'publish-failed':
        countEdge(h.edge);
        break;
      case 'published': {
        c.in++;
        if (!held.delete(`${h.event}|${h.edge}`)) countEdge(h.edge);
        const topic = topics.get(h.node);
        if (topic && h.partition !== undefined && h.offset !== undefined) {
          const p = h.partition;
          topic.end[p] = Math.max(topic.end[p] ?? 0, h.offset + 1);
          if (topic.maxEvents !== undefined)
            topic.start[p] = Math.max(topic.start[p] ?? 0, topic.end[p]! - topic.maxEvents);
        }
        break;
      }
      case 'routed':
      case 'filtered':
      case 'filter-error':
        c.in++;
        if (h.type === 'routed') c.out++;
        else if (h.type === 'filtered') c.filtered = (c.filtered ?? 0) + 1;
        else c.filterErrors = (c.filterErrors ?? 0) + 1;
        // Filters in front of a topic count their edge; those on a subscription path (with a group) do not.
        if (h.group === undefined) countEdge(h.edge);
        break;
      case 'delivered':
        c.in++;
        countEdge(h.edge);
        // A redelivery after a rebalance (it carries the reason) arrives here from an instance that left.
        if ((h.attempt ?? 1) === 1 || h.reason !== undefined) c.inFlight++;
        break;
      // A delivery leaves an instance that went down or left: in flight nowhere until its next owner takes it.
      case 'crashed':
        c.inFlight--;
        break;
      case 'rebalanced':
        if (h.partition !== undefined) c.inFlight--;
        break;
      case 'failed':
        c.failures++;
        break;
      case 'acked':
        c.acked = (c.acked ?? 0) + 1;
        c.inFlight--;
        break;
      case 'dead-lettered':
        c.deadLettered = (c.deadLettered ?? 0) + 1;
        c.inFlight--;
        break;
      case 'unrouted':
        c.in++;
        c.dropped = (c.dropped ?? 0) + 1;
        countEdge(h.edge);
        break;
      case 'dropped':
        if (kind === 'producer') c.out--;
        else {
          c.dropped = (c.dropped ?? 0) + 1;
          // A delivery given up ends; a chained event dropped for depth never was one, nor one its crash already ended.
          const lost = prev?.type === 'crashed' && prev.event === h.event && prev.node === h.node;
          if (h.group !== undefined && !lost) c.inFlight--;
        }
        break;
      case 'expired': {
        c.expired = (c.expired ?? 0) + 1;
        const topic = topics.get(h.node);
        const next = h.group === undefined ? undefined : topic?.next.get(h.group);
        if (topic && next && h.partition !== undefined && h.offset !== undefined) {
          next[h.partition] = h.offset + 1;
          topic.start[h.partition] = Math.max(topic.start[h.partition] ?? 0, h.offset + 1);
        }
        break;
      }
      // Event sourcing: a write arrives by its edge; a projection's live step travels the store's edge (a
      // rebuild's steps, with no edge, are the projection reading the store again, not new input).
      case 'stored':
        c.in++;
        c.out++;
        countEdge(h.edge);
        break;
      case 'store-conflict':
      case 'store-error':
        c.in++;
        c.failures++;
        countEdge(h.edge);
        break;
      case 'projected':
      case 'projection-error':
        if (h.edge === undefined) break;
        c.in++;
        if (h.type === 'projected') c.out++;
        else c.failures++;
        countEdge(h.edge);
        break;
      default:
        break;
    }
  };

  return {
    add(h) {
      const c = nodes[h.node];
      if (c) {
        onFetch(h);
        onNode(h, c);
      }
      prev = h;
    },
    counts() {
      const out: Record<string, NodeCounts> = {};
      for (const [id, c] of Object.entries(nodes)) {
        const topic = topics.get(id);
        if (!topic) {
          out[id] = { ...c };
          continue;
        }
        const lag: Record<string, number[]> = {};
        for (const [group, next] of topic.next)
          lag[group] = topic.end.map((end, p) => Math.max(0, end - next[p]!));
        out[id] = {
          ...c,
          inFlight: Object.values(lag).reduce((a, l) => a + l.reduce((x, y) => x + y, 0), 0),
          partitions: topic.end.map((end, p) => ({ depth: end - Math.min(end, topic.start[p]!), end })),
          lag,
        };
      }
      const edgeCopy: Record<string, EdgeCounts> = {};
      for (const [id, e] of Object.entries(edges)) edgeCopy[id] = { count: e.count };
      return { nodes: out, edges: edgeCopy };
    },
  };
}

/** The counters after folding `hops` (in seq order) from the start of a run. */
export function countsAt(flow: FlowDoc, hops: Iterable<Hop>): Counts {
  const fold = createCountsFold(flow);
  for (const h of hops) fold.add(h);
  return fold.counts();
}
