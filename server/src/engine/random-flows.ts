import fc from 'fast-check';
import type { FlowDoc } from '@eventflow/shared';
import {
  consumer,
  filter,
  flow,
  producer,
  router,
  rule,
  topic,
  webhook,
  type TestEdge,
  type TestNode,
} from './test-helpers.js';

// Random valid flows for property tests.

const DELIVERIES = ['at-most-once', 'at-least-once', 'exactly-once'] as const;
const FILTERS = [undefined, 'int(data.seq) % 2 == 0', 'data.missing > 1'] as const;

const PATTERNS = ['#', 'k1', '*', 'k1.#', 'x.*', 'int(data.seq) % 2 == 0', 'data.missing > 1'] as const;
const routerArb = fc.record({
  mode: fc.constantFrom('first-match', 'all-matches'),
  a: fc.constantFrom(...PATTERNS),
  b: fc.constantFrom(...PATTERNS),
  /** Connect the default route (to the topic after the rules' two). */
  fallback: fc.boolean(),
});
const producerArb = fc.record({
  topic: fc.nat(2),
  /** Publish through a router whose rules lead to this topic and the next. */
  router: fc.option(routerArb, { freq: 3, nil: undefined }),
  count: fc.integer({ min: 1, max: 30 }),
  rate: fc.integer({ min: 1, max: 200 }),
  arrival: fc.constantFrom('fixed', 'poisson'),
  keyed: fc.boolean(),
  /** Also publish to the next topic: the same event in two topics. */
  both: fc.boolean(),
  schedule: fc.option(
    fc.oneof(
      fc.record({
        type: fc.constant('spike' as const),
        at: fc.integer({ min: 0, max: 200 }),
        for: fc.integer({ min: 1, max: 200 }),
        rate: fc.integer({ min: 0, max: 400 }),
      }),
      fc.record({
        type: fc.constant('steps' as const),
        steps: fc
          .uniqueArray(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 3 })
          .chain((ats) =>
            fc
              .tuple(...ats.map(() => fc.integer({ min: 0, max: 300 })))
              .map((rates) => [...ats].sort((a, b) => a - b).map((at, i) => ({ at, rate: rates[i]! }))),
          ),
      }),
    ),
    { freq: 3, nil: undefined },
  ),
  onTopicDown: fc.constantFrom('fail', 'buffer'),
  bufferLimit: fc.integer({ min: 1, max: 20 }),
});
const topicArb = fc.record({
  partitions: fc.integer({ min: 1, max: 4 }),
  latencyMs: fc.integer({ min: 0, max: 3 }),
  maxEvents: fc.option(fc.integer({ min: 1, max: 5 }), { freq: 4, nil: undefined }),
  /** A scheduled broker outage, simulated ms. */
  outage: fc.option(
    fc.record({ at: fc.integer({ min: 0, max: 300 }), for: fc.integer({ min: 1, max: 300 }) }),
    { freq: 3, nil: undefined },
  ),
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
  /** Emits a compensation event when it gives up (to the next topic, like its emits). */
  compensates: fc.boolean(),
});
const webhookArb = fc.record({
  topic: fc.nat(2),
  statusMix: fc.constantFrom(
    { ok: 1, clientError: 0, serverError: 0, timeout: 0 },
    { ok: 6, clientError: 1, serverError: 2, timeout: 1 },
    { ok: 0, clientError: 0, serverError: 1, timeout: 1 },
    { ok: 1, clientError: 1, serverError: 1, timeout: 1 },
  ),
  latencyMs: fc.integer({ min: 0, max: 30 }),
  timeoutMs: fc.constantFrom(5, 50, 1000),
  concurrency: fc.integer({ min: 1, max: 3 }),
  maxAttempts: fc.integer({ min: 1, max: 4 }),
  backoffMs: fc.integer({ min: 0, max: 50 }),
  dlq: fc.boolean(),
  filter: fc.constantFrom(...FILTERS),
});
/** Delivery is chosen per group, so a group's guarantee is unambiguous. */
export const specArb = fc.record({
  webhooks: fc.array(webhookArb, { maxLength: 2 }),
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
        ...(tp.outage ? { outages: [tp.outage] } : {}),
      }),
    );
    groupsOf.set(`t${i}`, new Set());
  });
  spec.producers.forEach((p, i) => {
    const key = p.keyed ? { key: '"k" + string(seq % 3)' } : {};
    const schedule = p.schedule ? { schedule: p.schedule } : {};
    const buffer = p.onTopicDown === 'buffer' ? { onTopicDown: 'buffer', bufferLimit: p.bufferLimit } : {};
    nodes.push(
      producer(`p${i}`, { count: p.count, rate: p.rate, arrival: p.arrival, ...key, ...schedule, ...buffer }),
    );
    if (p.router) {
      const r = `r${i}`;
      nodes.push(router(r, { mode: p.router.mode, rules: [rule('a', p.router.a), rule('b', p.router.b)] }));
      edges.push(
        { source: `p${i}`, target: r },
        { source: r, target: t(p.topic), id: `${r}.a`, sourceHandle: 'a' },
        { source: r, target: t(p.topic + 1), id: `${r}.b`, sourceHandle: 'b' },
      );
      if (p.router.fallback)
        edges.push({ source: r, target: t(p.topic + 2), id: `${r}.d`, sourceHandle: 'default' });
      return;
    }
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
        ...(emitTo && c.compensates ? { emitsOnGiveUp: [{ eventType: 'Undo' }] } : {}),
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
  spec.webhooks.forEach((w, i) => {
    const id = `w${i}`;
    const from = t(w.topic);
    const { topic: _t, filter: f, dlq: toDlq, ...config } = w;
    nodes.push(webhook(id, config));
    groupsOf.get(from)!.add(id);
    subOf.set(id, [from, id]);
    if (f) {
      nodes.push(filter(`fw${i}`, f));
      edges.push({ source: from, target: `fw${i}` }, { source: `fw${i}`, target: id });
      subOf.set(`fw${i}`, [from, id]);
    } else edges.push({ source: from, target: id });
    if (toDlq) {
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
