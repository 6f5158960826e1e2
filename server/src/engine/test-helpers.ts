import fc from 'fast-check';
import { parseFlow, type FlowDoc, type Hop, type HopType } from '@eventflow/shared';
import { createEngine } from './engine.js';
import type { Engine } from './api.js';

/** A node as tests write it: kind, id and a partial config (parseFlow fills the defaults). */
export interface TestNode {
  id: string;
  kind: 'producer' | 'topic' | 'filter' | 'consumer';
  config?: Record<string, unknown>;
}

/** An edge as tests write it; the id defaults to `source.target`. */
export interface TestEdge {
  source: string;
  target: string;
  id?: string;
  role?: 'normal' | 'dead-letter';
}

/** Builds a flow through `parseFlow` (so defaults and validation are the real ones); throws on any error. */
export function flow(spec: { nodes: TestNode[]; edges: TestEdge[]; name?: string }): FlowDoc {
  const raw = {
    format: 'eventflow.flow',
    version: 1,
    name: spec.name ?? 'test',
    nodes: spec.nodes.map((n) => ({ id: n.id, kind: n.kind, config: n.config ?? {} })),
    edges: spec.edges.map((e) => ({
      id: e.id ?? `${e.source}.${e.target}`,
      source: e.source,
      target: e.target,
      ...(e.role ? { role: e.role } : {}),
    })),
  };
  const r = parseFlow(raw);
  if (!r.ok)
    throw new Error(`test flow is invalid:\n${r.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  return r.flow;
}

export const producer = (id: string, config: Record<string, unknown> = {}): TestNode => ({
  id,
  kind: 'producer',
  config: { eventType: 'Test', ...config },
});
export const topic = (id: string, config: Record<string, unknown> = {}): TestNode => ({
  id,
  kind: 'topic',
  config,
});
export const filter = (id: string, expression: string): TestNode => ({
  id,
  kind: 'filter',
  config: { expression },
});
export const consumer = (id: string, config: Record<string, unknown> = {}): TestNode => ({
  id,
  kind: 'consumer',
  config,
});

/** Edges along a chain of node ids: `chain('p', 't', 'c')` is p→t and t→c. */
export function chain(...ids: string[]): TestEdge[] {
  return ids.slice(1).map((target, i) => ({ source: ids[i]!, target }));
}

/** The usual smallest flow: producer `p` → topic `t` → consumer `c`. */
export function simpleFlow(
  p: Record<string, unknown> = {},
  c: Record<string, unknown> = {},
  t: Record<string, unknown> = {},
): FlowDoc {
  return flow({ nodes: [producer('p', p), topic('t', t), consumer('c', c)], edges: chain('p', 't', 'c') });
}

/** Creates an engine and runs it to idle (or the given limits). */
export function runFlow(
  doc: FlowDoc,
  seed = 1,
  limits?: Parameters<Engine['run']>[0],
  options: { storeCapacity?: number; maxChainDepth?: number } = {},
) {
  // A smaller store than the engine's default keeps each test's allocation cheap.
  const engine = createEngine({ flow: doc, seed, storeCapacity: 100_000, ...options });
  const stop = engine.run(limits);
  return { engine, stop, hops: allHops(engine) };
}

export const allHops = (engine: Engine): Hop[] => engine.trace.read(1, engine.trace.lastSeq());

/** Hop types of one event, in seq order (optionally only those at one node). */
export function typesOf(hops: Hop[], eventId: string, node?: string): HopType[] {
  return hops
    .filter((h) => h.event === eventId && (node === undefined || h.node === node))
    .map((h) => h.type);
}

/** Hops of one type, for compact assertions on a field. */
export const ofType = (hops: Hop[], type: HopType) => hops.filter((h) => h.type === type);

/** `[type, node, t]` triples: short, readable exact sequences. */
export const brief = (hops: Hop[]) => hops.map((h) => [h.type, h.node, h.t] as const);

// Random valid flows for property tests.

const DELIVERIES = ['at-most-once', 'at-least-once', 'exactly-once'] as const;
const FILTERS = [undefined, 'int(data.seq) % 2 == 0', 'data.missing > 1'] as const;

const producerArb = fc.record({
  topic: fc.nat(2),
  count: fc.integer({ min: 1, max: 30 }),
  rate: fc.integer({ min: 1, max: 200 }),
  arrival: fc.constantFrom('fixed', 'poisson'),
  keyed: fc.boolean(),
  /** Also publish to the next topic: the same event in two topics. */
  both: fc.boolean(),
});
const topicArb = fc.record({
  partitions: fc.integer({ min: 1, max: 4 }),
  latencyMs: fc.integer({ min: 0, max: 3 }),
  maxEvents: fc.option(fc.integer({ min: 1, max: 5 }), { freq: 4, nil: undefined }),
});
const consumerArb = fc.record({
  topic: fc.nat(2),
  group: fc.nat(2),
  instances: fc.integer({ min: 1, max: 3 }),
  processingMs: fc.integer({ min: 0, max: 30 }),
  failureRate: fc.constantFrom(0, 0.2, 0.5, 1),
  ackLossRate: fc.constantFrom(0, 0.2, 0.5),
  retry: fc.constantFrom('blocking', 'requeue'),
  maxAttempts: fc.integer({ min: 1, max: 4 }),
  backoffMs: fc.integer({ min: 0, max: 50 }),
  dlq: fc.boolean(),
  filter: fc.constantFrom(...FILTERS),
  emits: fc.boolean(),
  crashRate: fc.constantFrom(0, 0, 0.2),
  /** A scheduled outage of the consumer (instance undefined) or of its first instance. */
  outage: fc.option(
    fc.record({
      at: fc.integer({ min: 0, max: 300 }),
      for: fc.integer({ min: 1, max: 300 }),
      first: fc.boolean(),
    }),
    { freq: 3, nil: undefined },
  ),
  autoscale: fc.option(
    fc.record({
      min: fc.integer({ min: 1, max: 2 }),
      extra: fc.integer({ min: 0, max: 2 }),
      targetLag: fc.integer({ min: 1, max: 10 }),
      cooldownMs: fc.integer({ min: 10, max: 100 }),
    }),
    { freq: 3, nil: undefined },
  ),
});
/** Delivery is chosen per group, so a group's guarantee is unambiguous. */
export const specArb = fc.record({
  producers: fc.array(producerArb, { minLength: 1, maxLength: 2 }),
  topics: fc.array(topicArb, { minLength: 1, maxLength: 3 }),
  consumers: fc.array(consumerArb, { minLength: 1, maxLength: 4 }),
  dlqPartitions: fc.integer({ min: 1, max: 3 }),
  dlqInstances: fc.integer({ min: 1, max: 3 }),
  deliveries: fc.tuple(
    fc.constantFrom(...DELIVERIES),
    fc.constantFrom(...DELIVERIES),
    fc.constantFrom(...DELIVERIES),
  ),
});
export type Spec = typeof specArb extends fc.Arbitrary<infer T> ? T : never;

export interface Built {
  doc: FlowDoc;
  /** Groups subscribed to each topic id. */
  groupsOf: Map<string, Set<string>>;
  /** consumer id → [topic, group]; subscription filter id → [topic, group]. */
  subOf: Map<string, [string, string]>;
  exactlyOnce: Set<string>;
}

/** Turns a generated spec into a valid flow. Emits only go to later topics, so chains stay short and finite. */
export function build(spec: Spec, deliveries: readonly string[] = spec.deliveries): Built {
  const nodes: TestNode[] = [];
  const edges: TestEdge[] = [];
  const t = (i: number) => `t${i % spec.topics.length}`;
  const groupsOf = new Map<string, Set<string>>();
  const subOf = new Map<string, [string, string]>();
  spec.topics.forEach((tp, i) => {
    nodes.push(
      topic(`t${i}`, {
        partitions: tp.partitions,
        latencyMs: tp.latencyMs,
        retention: tp.maxEvents ? { maxEvents: tp.maxEvents } : {},
      }),
    );
    groupsOf.set(`t${i}`, new Set());
  });
  spec.producers.forEach((p, i) => {
    const key = p.keyed ? { key: '"k" + string(seq % 3)' } : {};
    nodes.push(producer(`p${i}`, { count: p.count, rate: p.rate, arrival: p.arrival, ...key }));
    edges.push({ source: `p${i}`, target: t(p.topic) });
    if (p.both && t(p.topic + 1) !== t(p.topic)) edges.push({ source: `p${i}`, target: t(p.topic + 1) });
  });
  let dlq = false;
  spec.consumers.forEach((c, i) => {
    const id = `c${i}`;
    const from = t(c.topic);
    const group = `g${c.group}`;
    const delivery = deliveries[c.group]!;
    const emitTo =
      c.emits && c.topic % spec.topics.length < spec.topics.length - 1 ? t(c.topic + 1) : undefined;
    nodes.push(
      consumer(id, {
        group,
        delivery,
        instances: c.instances,
        processingMs: c.processingMs,
        failureRate: c.failureRate,
        ackLossRate: c.ackLossRate,
        retry: c.retry,
        maxAttempts: c.maxAttempts,
        backoffMs: c.backoffMs,
        emits: emitTo ? [{ eventType: 'Child' }] : [],
        ...(c.crashRate > 0 ? { crashRate: c.crashRate, restartMs: c.processingMs * 2 } : {}),
        ...(c.outage
          ? { outages: [{ at: c.outage.at, for: c.outage.for, ...(c.outage.first ? { instance: 0 } : {}) }] }
          : {}),
        ...(c.autoscale
          ? {
              autoscale: {
                min: c.autoscale.min,
                max: c.autoscale.min + c.autoscale.extra,
                targetLag: c.autoscale.targetLag,
                cooldownMs: c.autoscale.cooldownMs,
              },
            }
          : {}),
      }),
    );
    groupsOf.get(from)!.add(group);
    subOf.set(id, [from, group]);
    if (c.filter) {
      nodes.push(filter(`f${i}`, c.filter));
      edges.push({ source: from, target: `f${i}` }, { source: `f${i}`, target: id });
      subOf.set(`f${i}`, [from, group]);
    } else edges.push({ source: from, target: id });
    if (emitTo) edges.push({ source: id, target: emitTo });
    if (c.dlq && delivery !== 'at-most-once') {
      dlq = true;
      edges.push({ source: id, target: 'dlq', role: 'dead-letter' });
    }
  });
  if (dlq) {
    // The DLQ reader shares the first group's guarantee, so "all exactly-once" flows are exactly that.
    nodes.push(
      topic('dlq', { partitions: spec.dlqPartitions }),
      consumer('dlq-reader', { delivery: deliveries[0], instances: spec.dlqInstances }),
    );
    edges.push({ source: 'dlq', target: 'dlq-reader' });
    groupsOf.set('dlq', new Set(['dlq-reader']));
    subOf.set('dlq-reader', ['dlq', 'dlq-reader']);
  }
  const exactlyOnce = new Set<string>();
  spec.consumers.forEach((c, i) => {
    if (deliveries[c.group] === 'exactly-once') exactlyOnce.add(subOf.get(`c${i}`)![1]);
  });
  if (dlq && deliveries[0] === 'exactly-once') exactlyOnce.add('dlq-reader');
  return { doc: flow({ nodes, edges }), groupsOf, subOf, exactlyOnce };
}

export const seedArb = fc.integer({ min: 0, max: 2 ** 32 - 1 });
