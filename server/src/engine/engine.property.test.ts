import fc from 'fast-check';
import { Hop, TERMINAL_HOP_TYPES, type FlowDoc } from '@eventflow/shared';
import { describe, expect, test } from 'vitest';
import { consumer, filter, flow, producer, runFlow, topic, type TestEdge, type TestNode } from './test-helpers.js';

const DELIVERIES = ['at-most-once', 'at-least-once', 'exactly-once'] as const;
const FILTERS = [undefined, 'int(data.seq) % 2 == 0', 'data.missing > 1'] as const;

const producerArb = fc.record({
  topic: fc.nat(2),
  count: fc.integer({ min: 1, max: 30 }),
  rate: fc.integer({ min: 1, max: 200 }),
  arrival: fc.constantFrom('fixed', 'poisson'),
  keyed: fc.boolean(),
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
});
/** Delivery is chosen per group, so a group's guarantee is unambiguous. */
const specArb = fc.record({
  producers: fc.array(producerArb, { minLength: 1, maxLength: 2 }),
  topics: fc.array(topicArb, { minLength: 1, maxLength: 3 }),
  consumers: fc.array(consumerArb, { minLength: 1, maxLength: 4 }),
  deliveries: fc.tuple(fc.constantFrom(...DELIVERIES), fc.constantFrom(...DELIVERIES), fc.constantFrom(...DELIVERIES)),
});
type Spec = typeof specArb extends fc.Arbitrary<infer T> ? T : never;

interface Built {
  doc: FlowDoc;
  /** Groups subscribed to each topic id. */
  groupsOf: Map<string, Set<string>>;
  /** consumer id → [topic, group]; subscription filter id → [topic, group]. */
  subOf: Map<string, [string, string]>;
  exactlyOnce: Set<string>;
}

/** Turns a generated spec into a valid flow. Emits only go to later topics, so chains stay short and finite. */
function build(spec: Spec, deliveries: readonly string[] = spec.deliveries, groupPerTopic = false): Built {
  const nodes: TestNode[] = [];
  const edges: TestEdge[] = [];
  const t = (i: number) => `t${i % spec.topics.length}`;
  const groupsOf = new Map<string, Set<string>>();
  const subOf = new Map<string, [string, string]>();
  spec.topics.forEach((tp, i) => {
    nodes.push(topic(`t${i}`, { partitions: tp.partitions, latencyMs: tp.latencyMs, retention: tp.maxEvents ? { maxEvents: tp.maxEvents } : {} }));
    groupsOf.set(`t${i}`, new Set());
  });
  spec.producers.forEach((p, i) => {
    const key = p.keyed ? { key: '"k" + string(seq % 3)' } : {};
    nodes.push(producer(`p${i}`, { count: p.count, rate: p.rate, arrival: p.arrival, ...key }));
    edges.push({ source: `p${i}`, target: t(p.topic) });
  });
  let dlq = false;
  spec.consumers.forEach((c, i) => {
    const id = `c${i}`;
    const from = t(c.topic);
    const group = groupPerTopic ? `g${c.group}-${from}` : `g${c.group}`;
    const delivery = deliveries[c.group]!;
    const emitTo = c.emits && c.topic % spec.topics.length < spec.topics.length - 1 ? t(c.topic + 1) : undefined;
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
    nodes.push(topic('dlq'), consumer('dlq-reader', { delivery: deliveries[0] }));
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

const TERMINAL = new Set<string>([...TERMINAL_HOP_TYPES, 'filter-error']);

/** Terminal hops per (event, topic, group), from the hops alone; publish-side and chain-depth hops are skipped. */
function terminalsBySubscription(hops: Hop[], b: Built): Map<string, number> {
  const counts = new Map<string, number>();
  for (const h of hops) {
    if (!TERMINAL.has(h.type)) continue;
    let sub: [string, string] | undefined;
    if (h.type === 'expired') sub = [h.node, h.group!];
    else if (h.group !== undefined || h.node.startsWith('f')) sub = b.subOf.get(h.node);
    if (!sub) continue;
    const k = `${h.event}|${sub[0]}|${sub[1]}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

const seedArb = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const RUNS = { numRuns: 60 };

describe('engine properties over random flows and seeds', () => {
  test('runs finish idle with conservation ok, nothing in flight, and hops well formed', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const { engine, stop, hops } = runFlow(build(spec).doc, seed);
        expect(stop).toBe('idle');
        const s = engine.summary();
        expect(s.conservation.ok).toBe(true);
        expect(s.outcomes.inFlight).toBe(0);
        const o = s.outcomes;
        expect(o.acked + o.filtered + o.dropped + o.deadLettered + o.expired).toBe(s.conservation.expected);
        hops.forEach((h, i) => {
          expect(Hop.safeParse(h).success).toBe(true);
          expect(h.seq).toBe(i + 1);
          if (i > 0) expect(h.t).toBeGreaterThanOrEqual(hops[i - 1]!.t);
          expect(engine.trace.event(h.event)).toBeDefined();
        });
      }),
      RUNS,
    );
  });

  test('every publication × subscription gets exactly one terminal hop', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const b = build(spec);
        const { hops } = runFlow(b.doc, seed);
        const expected = new Map<string, number>();
        for (const h of hops) {
          if (h.type !== 'published') continue;
          // An event can be published to one topic more than once (dead-lettered by two groups): one outcome each.
          for (const g of b.groupsOf.get(h.node) ?? []) {
            const k = `${h.event}|${h.node}|${g}`;
            expected.set(k, (expected.get(k) ?? 0) + 1);
          }
        }
        expect(Object.fromEntries(terminalsBySubscription(hops, b))).toEqual(Object.fromEntries(expected));
      }),
      RUNS,
    );
  });

  test('the same flow and seed give an identical trace', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const doc = build(spec).doc;
        expect(JSON.stringify(runFlow(doc, seed).hops)).toBe(JSON.stringify(runFlow(doc, seed).hops));
      }),
      { numRuns: 30 },
    );
  });

  test('exactly-once groups never process an event twice', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const b = build(spec);
        const { hops } = runFlow(b.doc, seed);
        const seen = new Set<string>();
        for (const h of hops) {
          if (h.type !== 'processed' || !b.exactlyOnce.has(h.group!)) continue;
          const k = `${h.group}|${h.event}`;
          expect(seen.has(k), `${k} processed twice`).toBe(false);
          seen.add(k);
        }
      }),
      RUNS,
    );
  });

  test('with every group exactly-once, duplicatesProcessed is 0', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const b = build(spec, ['exactly-once', 'exactly-once', 'exactly-once']);
        expect(runFlow(b.doc, seed).engine.summary().processing.duplicatesProcessed).toBe(0);
      }),
      RUNS,
    );
  });

  test('blocking retries process each (group, topic, partition) in offset order', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const blocking = { ...spec, consumers: spec.consumers.map((c) => ({ ...c, retry: 'blocking' })) };
        const b = build(blocking);
        const last = new Map<string, number>();
        for (const h of runFlow(b.doc, seed).hops) {
          if (h.type !== 'processed') continue;
          const k = `${h.group}|${b.subOf.get(h.node)![0]}|${h.partition}`;
          expect(h.offset!).toBeGreaterThanOrEqual(last.get(k) ?? 0);
          last.set(k, h.offset!);
        }
      }),
      RUNS,
    );
  });

  // Each group reads one topic here: the engine's counter compares offsets across topics (see order-bug test).
  test('blocking retries never count a per-key order violation', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const blocking = { ...spec, consumers: spec.consumers.map((c) => ({ ...c, retry: 'blocking' })) };
        expect(runFlow(build(blocking, spec.deliveries, true).doc, seed).engine.summary().processing.orderViolations).toBe(0);
      }),
      RUNS,
    );
  });
});
