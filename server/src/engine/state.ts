import {
  compileCel,
  compileTopology,
  type CompiledExpr,
  type ConsumerConfig,
  type FilterConfig,
  type FlowDoc,
  type ProducerConfig,
} from '@eventflow/shared';
import { createEventTable, type EventTable } from './event-table.js';
import type { RtConsumer, RtProducer, RtSub, State } from './model.js';
import { createHopStore, type HopStore } from './hop-store.js';
import { PartitionLog } from './partition-log.js';
import { createRandom } from './random.js';
import { createScheduler } from './scheduler.js';
import { createCounters, createGroupCounts } from './counters.js';
import { createHistogram } from './latency.js';
import { readsEnvelope } from './event-view.js';

export type * from './model.js';

export function intern(list: string[], index: Map<string, number>, s: string): number {
  let i = index.get(s);
  if (i === undefined) {
    i = list.length;
    list.push(s);
    index.set(s, i);
  }
  return i;
}

/** Reason strings are interned (stored as 16-bit codes); past the cap new ones share a generic code. */
export function reasonCode(s: State, reason: string): number {
  const known = s.reasonIndex.get(reason);
  if (known !== undefined) return known;
  if (s.reasons.length >= 65000)
    return intern(s.reasons, s.reasonIndex, 'see event details (too many distinct reasons)');
  return intern(s.reasons, s.reasonIndex, reason);
}

export function compileOrThrow(
  source: string,
  context: 'filter' | 'key' | 'payload' | 'emit',
  where: string,
): CompiledExpr {
  const r = compileCel(source, context);
  if (!r.ok) throw new Error(`${where}: ${r.message}`);
  return r.expr;
}

export function createState(
  flow: FlowDoc,
  seed: number,
  storeCapacity: number,
  maxChainDepth: number,
): State {
  const topo = compileTopology(flow);
  const nodes = [...flow.nodes].sort((a, b) => (a.id < b.id ? -1 : 1));
  const nodeIds = nodes.map((n) => n.id);
  const nodeIndex = new Map(nodeIds.map((id, i) => [id, i] as const));
  const edgeIds = [...flow.edges].map((e) => e.id).sort();
  const edgeIndex = new Map(edgeIds.map((id, i) => [id, i] as const));
  // An event may leave the table only once all of its hops have left the hop store.
  const events: EventTable = createEventTable(
    Math.max(1024, storeCapacity >> 2),
    (i) => hops.first() > events.lastHop(i),
  );
  const hops: HopStore = createHopStore(storeCapacity, events);
  const s: State = {
    flow,
    seed,
    maxChainDepth,
    rng: createRandom(seed),
    sched: createScheduler(),
    events,
    hops,
    now: 0,
    visible: 0,
    nodeIds,
    nodeIndex,
    nodes,
    edgeIds,
    out: nodes.map((n) =>
      (topo.out.get(n.id) ?? []).map((e) => ({
        edge: edgeIndex.get(e.id)!,
        target: nodeIndex.get(e.target)!,
      })),
    ),
    producers: [],
    filters: [],
    filterReadsEnvelope: [],
    topics: [],
    consumers: [],
    subs: [],
    instances: [],
    groups: [],
    groupIndex: new Map(),
    typeNames: [],
    typeIndex: new Map(),
    reasons: [''],
    reasonIndex: new Map([['', 0]]),
    counters: createCounters(nodes.length, edgeIds.length),
    partitions: [],
    deadLetterCount: new Map(),
    deliveryPool: [],
    producedRoots: 0,
    maxEvents: Infinity,
    latency: {
      nodes: nodes.map((n) => (n.kind === 'topic' || n.kind === 'consumer' ? createHistogram() : undefined)),
      endToEnd: createHistogram(),
    },
  };
  const groupOf = (name: string) => {
    let g = s.groupIndex.get(name);
    if (g === undefined) {
      g = s.groups.length;
      s.groups.push({ name, processed: new Uint8Array(1024), counts: createGroupCounts() });
      s.groupIndex.set(name, g);
    }
    return g;
  };

  nodes.forEach((n, i) => {
    const where = `nodes[${flow.nodes.indexOf(n)}].config`;
    switch (n.kind) {
      case 'producer':
        s.producers[i] = producerOf(i, n.config, where);
        intern(s.typeNames, s.typeIndex, n.config.eventType);
        break;
      case 'filter':
        s.filters[i] = compileOrThrow((n.config as FilterConfig).expression, 'filter', `${where}.expression`);
        s.filterReadsEnvelope[i] = readsEnvelope((n.config as FilterConfig).expression);
        break;
      case 'topic':
        s.topics[i] = {
          node: i,
          config: n.config,
          logs: [],
          partitionIds: [],
          expiryPending: [],
          subs: [],
          roundRobin: 0,
        };
        for (let p = 0; p < n.config.partitions; p++) {
          s.topics[i]!.logs.push(new PartitionLog());
          s.topics[i]!.partitionIds.push(s.partitions.length);
          s.topics[i]!.expiryPending.push(false);
          s.partitions.push({ topic: i, partition: p });
        }
        break;
      case 'consumer': {
        const dlq = topo.deadLetter.get(n.id);
        s.consumers[i] = {
          node: i,
          config: n.config,
          group: groupOf(topo.groupOf(n.id)),
          instances: [],
          paths: new Map(),
          dlq: dlq ? { topic: nodeIndex.get(dlq.topic)!, edge: edgeIndex.get(dlq.edge)! } : undefined,
          emits: emitsOf(s, n.config, where),
          emitsReadEnvelope: n.config.emits.some((e) => e.payload !== undefined && readsEnvelope(e.payload)),
        };
        break;
      }
    }
  });

  for (const [topicId, subs] of topo.subscriptions) {
    const topic = s.topics[nodeIndex.get(topicId)!]!;
    for (const sub of subs) {
      const rt: RtSub = {
        index: s.subs.length,
        topic: topic.node,
        group: groupOf(sub.group),
        next: new Float64Array(topic.config.partitions),
        owner: new Int32Array(topic.config.partitions).fill(-1),
        keyOrder: new Map(),
      };
      s.subs.push(rt);
      topic.subs.push(rt.index);
      for (const m of sub.members) {
        const c = s.consumers[nodeIndex.get(m.consumer)!]!;
        c.paths.set(
          rt.index,
          m.paths.map((p) => ({
            filters: p.filters.map((f) => nodeIndex.get(f)!),
            edges: p.edges.map((e) => edgeIndex.get(e)!),
          })),
        );
      }
    }
  }
  for (const c of s.consumers) if (c) ensureInstances(s, c);
  assignPartitions(s);
  return s;
}

export function producerOf(node: number, config: ProducerConfig, where: string): RtProducer {
  return {
    node,
    config,
    payload: config.payload ? compileOrThrow(config.payload, 'payload', `${where}.payload`) : undefined,
    key: config.key ? compileOrThrow(config.key, 'key', `${where}.key`) : undefined,
    produced: 0,
    gen: 0,
    base: 0,
    ticks: 0,
    halted: false,
  };
}

export function emitsOf(s: State, config: ConsumerConfig, where: string): RtConsumer['emits'] {
  return config.emits.map((e, j) => ({
    type: intern(s.typeNames, s.typeIndex, e.eventType),
    payload: e.payload ? compileOrThrow(e.payload, 'emit', `${where}.emits[${j}].payload`) : undefined,
  }));
}

/** Creates instances up to the consumer's configured count (instances are never removed, only left idle). */
export function ensureInstances(s: State, c: RtConsumer) {
  while (c.instances.length < c.config.instances) {
    const index = s.instances.length;
    s.instances.push({
      index,
      consumer: c.node,
      ordinal: 0,
      owned: [],
      busy: false,
      current: undefined,
      retries: [],
      wakeAt: Infinity,
      gen: 0,
    });
    c.instances.push(index);
  }
}

/**
 * Range-free round-robin assignment per subscription: partition p goes to member instance p mod n, members
 * ordered by consumer id then instance. With more instances than partitions the extra ones stay idle.
 */
export function assignPartitions(s: State) {
  for (const inst of s.instances) inst.owned = [];
  for (const sub of s.subs) {
    const members: number[] = [];
    for (const c of s.consumers) {
      if (!c || !c.paths.has(sub.index)) continue;
      members.push(...c.instances.slice(0, c.config.instances));
    }
    members.forEach((m, ordinal) => (s.instances[m]!.ordinal = ordinal));
    for (let p = 0; p < sub.owner.length; p++) {
      const owner = members.length ? members[p % members.length]! : -1;
      sub.owner[p] = owner;
      if (owner < 0) continue;
      const inst = s.instances[owner]!;
      const topic = s.topics[sub.topic]!;
      inst.owned.push({
        sub: sub.index,
        partition: p,
        rtSub: sub,
        topic,
        log: topic.logs[p]!,
        aged: topic.config.retention.maxAgeMs !== undefined,
        paths: s.consumers[inst.consumer]!.paths.get(sub.index)!,
      });
    }
  }
}
