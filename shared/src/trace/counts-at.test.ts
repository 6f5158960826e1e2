import { describe, expect, test } from 'vitest';
import { parseFlow } from '../flow/parse.js';
import type { FlowDoc } from '../flow/schema.js';
import { countsAt, createCountsFold } from './counts-at.js';
import type { Hop } from './hop.js';

/** shop → high (filter) → orders (2 partitions, keep 2) → [ship-filter] → warehouse, which dead-letters to dlq. */
function shopFlow(): FlowDoc {
  const r = parseFlow({
    format: 'eventflow.flow',
    version: 1,
    name: 'shop',
    nodes: [
      { id: 'shop', kind: 'producer', config: { eventType: 'Order' } },
      { id: 'high', kind: 'filter', config: { expression: 'true' } },
      { id: 'orders', kind: 'topic', config: { partitions: 2, retention: { maxEvents: 2 } } },
      { id: 'ship', kind: 'filter', config: { expression: 'true' } },
      { id: 'warehouse', kind: 'consumer', config: {} },
      { id: 'dlq', kind: 'topic', config: {} },
    ],
    edges: [
      { id: 'e1', source: 'shop', target: 'high' },
      { id: 'e2', source: 'high', target: 'orders' },
      { id: 'e3', source: 'orders', target: 'ship' },
      { id: 'e4', source: 'ship', target: 'warehouse' },
      { id: 'e5', source: 'warehouse', target: 'dlq', role: 'dead-letter' },
    ],
  });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.flow;
}

let seq = 0;
const hop = (type: Hop['type'], event: string, node: string, fields: Partial<Hop> = {}): Hop => ({
  seq: ++seq,
  t: seq,
  type,
  event,
  trace: 'tr',
  node,
  ...fields,
});
const at = (partition: number, offset: number) => ({ group: 'warehouse', instance: 0, partition, offset });

/** Two orders: the first is delivered and acked, the second fails and is dead-lettered. */
function twoOrders(): Hop[] {
  seq = 0;
  return [
    hop('produced', 'a', 'shop'),
    hop('routed', 'a', 'high', { edge: 'e1' }),
    hop('published', 'a', 'orders', { edge: 'e2', partition: 0, offset: 0 }),
    hop('produced', 'b', 'shop'),
    hop('routed', 'b', 'high', { edge: 'e1' }),
    hop('published', 'b', 'orders', { edge: 'e2', partition: 1, offset: 0 }),
    hop('routed', 'a', 'ship', { edge: 'e3', ...at(0, 0) }),
    hop('delivered', 'a', 'warehouse', { edge: 'e4', attempt: 1, ...at(0, 0) }),
    hop('processed', 'a', 'warehouse', { attempt: 1, ...at(0, 0) }),
    hop('acked', 'a', 'warehouse', { attempt: 1, ...at(0, 0) }),
    hop('routed', 'b', 'ship', { edge: 'e3', ...at(1, 0) }),
    hop('delivered', 'b', 'warehouse', { edge: 'e4', attempt: 1, ...at(1, 0) }),
    hop('failed', 'b', 'warehouse', { attempt: 1, ...at(1, 0) }),
    hop('retry-scheduled', 'b', 'warehouse', { attempt: 1, ...at(1, 0) }),
    hop('delivered', 'b', 'warehouse', { edge: 'e4', attempt: 2, ...at(1, 0) }),
    hop('failed', 'b', 'warehouse', { attempt: 2, ...at(1, 0) }),
    hop('dead-lettered', 'b', 'warehouse', { edge: 'e5', attempt: 2, ...at(1, 0) }),
    hop('published', 'b', 'dlq', { edge: 'e5', partition: 0, offset: 0 }),
  ];
}

describe('countsAt', () => {
  test('before the first hop every node and edge reads zero, in the shape of its kind', () => {
    const c = countsAt(shopFlow(), []);
    expect(c.nodes.shop).toEqual({ in: 0, out: 0, inFlight: 0, failures: 0 });
    expect(c.nodes.high).toEqual({ in: 0, out: 0, inFlight: 0, failures: 0, filtered: 0, filterErrors: 0 });
    expect(c.nodes.orders).toEqual({
      in: 0,
      out: 0,
      inFlight: 0,
      failures: 0,
      expired: 0,
      partitions: [
        { depth: 0, end: 0 },
        { depth: 0, end: 0 },
      ],
      lag: { warehouse: [0, 0] },
    });
    expect(c.nodes.warehouse).toMatchObject({ in: 0, acked: 0, dropped: 0, deadLettered: 0 });
    expect(c.edges).toEqual({
      e1: { count: 0 },
      e2: { count: 0 },
      e3: { count: 0 },
      e4: { count: 0 },
      e5: { count: 0 },
    });
  });

  test('after both orders are published, the topic holds them and the group trails by one per partition', () => {
    const c = countsAt(shopFlow(), twoOrders().slice(0, 6));
    expect(c.nodes.shop).toMatchObject({ out: 2 });
    expect(c.nodes.high).toMatchObject({ in: 2, out: 2 });
    expect(c.nodes.orders).toMatchObject({
      in: 2,
      out: 0,
      inFlight: 2,
      partitions: [
        { depth: 1, end: 1 },
        { depth: 1, end: 1 },
      ],
      lag: { warehouse: [1, 1] },
    });
    expect(c.edges.e1).toEqual({ count: 2 });
    expect(c.edges.e2).toEqual({ count: 2 });
  });

  test('mid-retry the delivery is in flight once, however many attempts it took', () => {
    const c = countsAt(shopFlow(), twoOrders().slice(0, 15));
    expect(c.nodes.orders).toMatchObject({ out: 2, lag: { warehouse: [0, 0] }, inFlight: 0 });
    expect(c.nodes.warehouse).toMatchObject({ in: 3, inFlight: 1, failures: 1, acked: 1, deadLettered: 0 });
    // Subscription filters do not count their edges (as the engine does); the delivery edge counts each attempt.
    expect(c.edges.e3).toEqual({ count: 0 });
    expect(c.edges.e4).toEqual({ count: 3 });
  });

  test('at the end: dead-lettered once, its edge counted once, and the dead-letter topic holds it', () => {
    const c = countsAt(shopFlow(), twoOrders());
    expect(c.nodes.warehouse).toMatchObject({ in: 3, inFlight: 0, failures: 2, acked: 1, deadLettered: 1 });
    expect(c.nodes.dlq).toMatchObject({ in: 1, partitions: [{ depth: 1, end: 1 }], lag: {} });
    expect(c.edges.e5).toEqual({ count: 1 });
  });

  test('count retention caps depth; an expired hop moves the group past the entry', () => {
    seq = 0;
    const hops = [0, 1, 2].map((o) =>
      hop('published', `x${o}`, 'orders', { edge: 'e2', partition: 0, offset: o }),
    );
    hops.push(hop('expired', 'x0', 'orders', { group: 'warehouse', partition: 0, offset: 0 }));
    const c = countsAt(shopFlow(), hops);
    expect(c.nodes.orders).toMatchObject({
      in: 3,
      expired: 1,
      partitions: [
        { depth: 2, end: 3 },
        { depth: 0, end: 0 },
      ],
      lag: { warehouse: [2, 0] },
    });
  });

  test('a payload that fails drops the event at the producer: it never counted as out', () => {
    seq = 0;
    const c = countsAt(shopFlow(), [hop('produced', 'a', 'shop'), hop('dropped', 'a', 'shop')]);
    expect(c.nodes.shop).toEqual({ in: 0, out: 0, inFlight: 0, failures: 0 });
  });

  test('the fold can be read mid-way and carries on; reading it does not change it', () => {
    const hops = twoOrders();
    const fold = createCountsFold(shopFlow());
    hops.slice(0, 9).forEach((h) => fold.add(h));
    const mid = fold.counts();
    mid.nodes.shop!.out = 99;
    hops.slice(9).forEach((h) => fold.add(h));
    expect(fold.counts()).toEqual(countsAt(shopFlow(), hops));
    expect(fold.counts().nodes.shop!.out).toBe(2);
  });
});
