import { compileTopology, type FlowDoc, type FlowNode } from '@eventflow/shared';
import { createEventTable, type EventTable } from './event-table.js';
import type { RtSub, State } from './model.js';
import { createHopStore, type HopStore } from './hop-store.js';
import { createRandom, hashString } from './random.js';
import { createScheduler } from './scheduler.js';
import { createCounters, createGroupCounts } from './counters.js';
import { createHistogram } from './latency.js';
import type { CompileEnv } from './kinds/kind.js';
import { engineKind } from './kinds/registry.js';
import { assignPartitions, ensureInstances } from './kinds/consumer/instances.js';
import { compileCalls } from './kinds/consumer/calls.js';
import { compileQueries } from './kinds/consumer/query.js';

/** Compiles a validated flow into the engine's index-addressed runtime model; each kind compiles its nodes. */
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
    hashString,
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
    receive: nodes.map((n) => engineKind(n.kind).receive),
    producers: [],
    filters: [],
    filterReadsEnvelope: [],
    topics: [],
    routers: [],
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
    outageEdges: [],
    deliveryPool: [],
    producedRoots: 0,
    maxEvents: Infinity,
    latency: {
      nodes: nodes.map((n) => (engineKind(n.kind).latency ? createHistogram() : undefined)),
      endToEnd: createHistogram(),
      byProducer: nodes.map((n) => (n.kind === 'producer' ? createHistogram() : undefined)),
    },
    services: [],
    openCalls: new Map(),
    lastCallId: 0,
    webhooks: { outbox: [], parked: new Map(), lastId: 0 },
    stores: [],
    projections: [],
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

  const compileNode = <K extends FlowNode['kind']>(n: Extract<FlowNode, { kind: K }>, i: number) =>
    engineKind<K>(n.kind).compile(s, i, n, {
      topo,
      where: `nodes[${flow.nodes.indexOf(n)}].config`,
      nodeIndex,
      edgeIndex,
      groupOf,
    } satisfies CompileEnv);
  nodes.forEach((n, i) => compileNode(n, i));

  for (const [topicId, subs] of topo.subscriptions) {
    const topic = s.topics[nodeIndex.get(topicId)!]!;
    for (const sub of subs) {
      const rt: RtSub = {
        index: s.subs.length,
        topic: topic.node,
        group: groupOf(sub.group),
        next: new Float64Array(topic.config.partitions),
        owner: new Int32Array(topic.config.partitions).fill(-1),
        keyOrder: new Float64Array(0),
        pending: [],
        holder: new Int32Array(topic.config.partitions).fill(-1),
        scaled: [],
      };
      s.subs.push(rt);
      topic.subs.push(rt.index);
      for (const m of sub.members) {
        const c = s.consumers[nodeIndex.get(m.consumer)!]!;
        if (c.scale) rt.scaled.push(c.node);
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
  compileCalls(s, topo, nodeIndex, edgeIndex);
  compileQueries(s, topo, nodeIndex, edgeIndex);
  for (const c of s.consumers) if (c) ensureInstances(s, c);
  assignPartitions(s);
  return s;
}
