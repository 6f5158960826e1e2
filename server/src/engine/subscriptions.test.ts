import { parseFlow } from '@eventflow/shared';
import { describe, expect, test } from 'vitest';
import { createEngine } from './engine.js';
import { chain, consumer, filter, flow, ofType, producer, runFlow, topic, typesOf } from './test-helpers.js';

describe('groups reading more than one topic', () => {
  // Regression: the order check once kept one offset per (group, key) and compared offsets of different topics.
  test('per-key order is per topic: a group reading two topics in order counts no violation', () => {
    const doc = flow({
      nodes: [
        producer('pa', { rate: 10, count: 3, key: '"k"' }),
        producer('pb', { rate: 0, key: '"k"' }),
        topic('a'),
        topic('b'),
        consumer('ca', { group: 'g' }),
        consumer('cb', { group: 'g' }),
      ],
      edges: [...chain('pa', 'a', 'ca'), ...chain('pb', 'b', 'cb')],
    });
    const e = createEngine({ flow: doc, seed: 1, storeCapacity: 10_000 });
    e.run();
    e.fire('pb');
    e.run();
    const processed = ofType(e.trace.read(1, e.trace.lastSeq()), 'processed').map((h) => [
      h.event,
      h.node,
      h.offset,
    ]);
    expect(processed).toEqual([
      ['e1', 'ca', 0],
      ['e2', 'ca', 1],
      ['e3', 'ca', 2],
      ['e4', 'cb', 0],
    ]);
    expect(e.summary().processing.orderViolations).toBe(0);
  });
});

describe('one event in two topics', () => {
  test('an exactly-once group reading both processes it once and skips the other copy', () => {
    const doc = flow({
      nodes: [
        producer('p', { count: 1 }),
        topic('a'),
        topic('b'),
        consumer('c1', { group: 'g', delivery: 'exactly-once' }),
        consumer('c2', { group: 'g', delivery: 'exactly-once' }),
      ],
      edges: [...chain('p', 'a', 'c1'), ...chain('p', 'b', 'c2')],
    });
    const { engine, hops } = runFlow(doc);
    expect(hops.map((h) => `${h.type}@${h.node}`)).toEqual([
      'produced@p',
      'published@a',
      'published@b',
      'delivered@c1',
      'delivered@c2',
      'processed@c1',
      'acked@c1',
      'duplicate-skipped@c2',
      'acked@c2',
    ]);
    expect(engine.summary().processing).toMatchObject({ duplicatesProcessed: 0, duplicatesSkipped: 1 });
    expect(engine.summary().conservation).toEqual({ ok: true, expected: 2, accounted: 2 });
  });
});

describe('dead-letter queues', () => {
  test('an event dead-lettered by two groups is published to the DLQ twice, each with its own outcome', () => {
    const doc = flow({
      nodes: [
        producer('p', { count: 1 }),
        topic('t'),
        consumer('c1', { failureRate: 1, maxAttempts: 1 }),
        consumer('c2', { failureRate: 1, maxAttempts: 1 }),
        topic('dlq'),
        consumer('d'),
      ],
      edges: [
        ...chain('p', 't', 'c1'),
        ...chain('t', 'c2'),
        { source: 'c1', target: 'dlq', role: 'dead-letter' },
        { source: 'c2', target: 'dlq', role: 'dead-letter' },
        ...chain('dlq', 'd'),
      ],
    });
    const { engine, hops } = runFlow(doc);
    expect(ofType(hops, 'published').map((h) => [h.node, h.offset])).toEqual([
      ['t', 0],
      ['dlq', 0],
      ['dlq', 1],
    ]);
    expect(engine.summary().outcomes).toMatchObject({ deadLettered: 2, acked: 2 });
    expect(engine.summary().conservation).toEqual({ ok: true, expected: 4, accounted: 4 });
  });

  // Regression: the exactly-once record was once checked only at delivery, so two instances taking the same event
  // at once (two publications, here dead-lettered by two groups) both processed it.
  test('exactly-once holds when two instances take the same event at once', () => {
    const doc = flow({
      nodes: [
        producer('p', { count: 1 }),
        topic('t'),
        consumer('c1', { failureRate: 1, maxAttempts: 1 }),
        consumer('c2', { failureRate: 1, maxAttempts: 1 }),
        topic('dlq', { partitions: 2 }),
        consumer('d', { delivery: 'exactly-once', instances: 2 }),
      ],
      edges: [
        ...chain('p', 't', 'c1'),
        ...chain('t', 'c2'),
        { source: 'c1', target: 'dlq', role: 'dead-letter' },
        { source: 'c2', target: 'dlq', role: 'dead-letter' },
        ...chain('dlq', 'd'),
      ],
    });
    const { engine, hops } = runFlow(doc);
    expect(
      ofType(hops, 'delivered')
        .filter((h) => h.node === 'd')
        .map((h) => [h.partition, h.t]),
    ).toEqual([
      [0, 12],
      [1, 12],
    ]);
    expect(engine.summary().processing.duplicatesProcessed).toBe(0);
    expect(ofType(hops, 'processed').filter((h) => h.node === 'd')).toHaveLength(1);
    expect(ofType(hops, 'acked').filter((h) => h.node === 'd')).toHaveLength(2);
  });

  // Regression: a dead-letter edge back into a topic the consumer reads once loaded, and an always-failing event
  // then cycled forever (no chain depth applies: it is the same event).
  test('a dead-letter loop is either rejected when the flow loads or ends', () => {
    const raw = {
      format: 'eventflow.flow',
      version: 1,
      name: 'dlq loop',
      nodes: [
        { id: 'p', kind: 'producer', config: { eventType: 'A', count: 1 } },
        { id: 't', kind: 'topic', config: {} },
        { id: 'c', kind: 'consumer', config: { failureRate: 1, maxAttempts: 1 } },
      ],
      edges: [
        { id: 'p.t', source: 'p', target: 't' },
        { id: 't.c', source: 't', target: 'c' },
        { id: 'c.t', source: 'c', target: 't', role: 'dead-letter' },
      ],
    };
    const parsed = parseFlow(raw);
    if (!parsed.ok) return;
    const e = createEngine({ flow: parsed.flow, seed: 1, storeCapacity: 10_000 });
    expect(e.run({ maxHops: 10_000 })).toBe('idle');
  });

  // Two consumers dead-lettering into each other's topics: the same event cycles with no chain depth to stop it.
  test('an indirect dead-letter loop is either rejected when the flow loads or ends', () => {
    const raw = {
      format: 'eventflow.flow',
      version: 1,
      name: 'dlq ring',
      nodes: [
        { id: 'p', kind: 'producer', config: { eventType: 'A', count: 1 } },
        { id: 'a', kind: 'topic', config: {} },
        { id: 'b', kind: 'topic', config: {} },
        { id: 'ca', kind: 'consumer', config: { failureRate: 1, maxAttempts: 1 } },
        { id: 'cb', kind: 'consumer', config: { failureRate: 1, maxAttempts: 1 } },
      ],
      edges: [
        { id: 'p.a', source: 'p', target: 'a' },
        { id: 'a.ca', source: 'a', target: 'ca' },
        { id: 'b.cb', source: 'b', target: 'cb' },
        { id: 'ca.b', source: 'ca', target: 'b', role: 'dead-letter' },
        { id: 'cb.a', source: 'cb', target: 'a', role: 'dead-letter' },
      ],
    };
    const parsed = parseFlow(raw);
    if (!parsed.ok) return;
    const e = createEngine({ flow: parsed.flow, seed: 1, storeCapacity: 10_000 });
    expect(e.run({ maxHops: 10_000 })).toBe('idle');
  });
});

describe('subscription filters', () => {
  const shared = flow({
    nodes: [
      producer('p', { count: 2 }),
      topic('t'),
      filter('f', 'int(data.seq) % 2 == 0'),
      consumer('c1'),
      consumer('c2'),
    ],
    edges: [...chain('p', 't', 'f', 'c1'), ...chain('f', 'c2')],
  });

  test('a filter on a subscription path decides per group when the group fetches the event', () => {
    const { engine, hops } = runFlow(shared);
    expect(typesOf(hops, 'e1')).toEqual(['produced', 'published', 'filtered', 'filtered']);
    expect(typesOf(hops, 'e2')).toEqual([
      'produced',
      'published',
      'routed',
      'delivered',
      'routed',
      'delivered',
      'processed',
      'acked',
      'processed',
      'acked',
    ]);
    expect(ofType(hops, 'filtered').map((h) => [h.node, h.edge, h.t])).toEqual([
      ['f', 't.f', 1],
      ['f', 't.f', 1],
    ]);
    expect(
      ofType(hops, 'delivered')
        .map((h) => h.edge)
        .sort(),
    ).toEqual(['f.c1', 'f.c2']);
    expect(engine.summary().outcomes).toMatchObject({ filtered: 2, acked: 2 });
    expect(engine.summary().conservation).toEqual({ ok: true, expected: 4, accounted: 4 });
  });

  // Regression: without the group, a filter shared by two groups gave two identical hops and trace.query's
  // per-group outcomes never showed `filtered`.
  test('subscription filter hops name the group, partition and offset they decided for', () => {
    const { engine, hops } = runFlow(shared);
    expect(
      ofType(hops, 'filtered')
        .map((h) => [h.group, h.partition, h.offset])
        .sort(),
    ).toEqual([
      ['c1', 0, 0],
      ['c2', 0, 0],
    ]);
    expect(engine.trace.query({}).events[0]!.outcomes).toEqual({ c1: 'filtered', c2: 'filtered' });
  });
});
