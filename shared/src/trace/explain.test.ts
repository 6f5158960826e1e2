import { describe, expect, test } from 'vitest';
import { explainOutcome } from './explain.js';
import type { Hop } from './hop.js';

let seq = 0;
const hop = (type: Hop['type'], fields: Partial<Hop> = {}): Hop => ({
  seq: ++seq,
  t: seq * 10,
  type,
  event: 'e1',
  trace: 't1',
  node: 'n',
  ...fields,
});
const sub = { node: 'charger', group: 'charger', instance: 0, partition: 0, offset: 5 };

describe('explainOutcome', () => {
  test('names the filter and its expression when the event never reached the consumer', () => {
    const hops = [
      hop('produced', { node: 'shop' }),
      hop('routed', { node: 'high-value', edge: 'e1' }),
      hop('filtered', { node: 'low-value', edge: 'e2', reason: 'did not match data.total <= 100' }),
    ];
    expect(
      explainOutcome(hops, 'e1', 'warehouse', {
        labels: { 'low-value': 'Low value' },
        downstreamOf: { 'low-value': ['warehouse'] },
      }),
    ).toBe("filtered by Low value's expression `data.total <= 100` at t=30 ms");
  });

  test('a filter in front of another consumer does not explain this one', () => {
    const hops = [
      hop('produced', { node: 'shop' }),
      hop('filtered', { node: 'low-value', reason: 'did not match x' }),
    ];
    expect(explainOutcome(hops, 'e1', 'concierge', { downstreamOf: { 'low-value': ['warehouse'] } })).toMatch(
      /^never reached concierge/,
    );
  });

  test('counts attempts and the cause of a dead letter', () => {
    const hops = [1, 2, 3, 4].flatMap((attempt) => [
      hop('delivered', { ...sub, attempt }),
      hop('failed', { ...sub, attempt }),
    ]);
    hops.push(
      hop('dead-lettered', {
        ...sub,
        attempt: 4,
        reason: 'gave up after 4 attempts: processing failed (failureRate 0.45)',
      }),
    );
    // The dead-lettered event then reaches the DLQ's consumer; that is another subscription.
    hops.push(hop('acked', { node: 'dlq-inspector', group: 'dlq-inspector', attempt: 1 }));
    expect(explainOutcome(hops, 'e1', 'charger')).toBe('dead-lettered after 4 attempts: processing failed');
    expect(explainOutcome(hops, 'e1', 'dlq-inspector')).toMatch(/^acked at t=\d+ ms$/);
  });

  test('an ack after retries says how many attempts it took, read in seq order', () => {
    const hops = [
      hop('delivered', { ...sub, attempt: 1 }),
      hop('retry-scheduled', { ...sub, attempt: 1 }),
      hop('acked', { ...sub, attempt: 2 }),
    ];
    expect(explainOutcome([...hops].reverse(), 'e1', 'charger')).toBe(
      `acked at t=${hops[2]?.t} ms after 2 attempts`,
    );
  });

  test('times read like the rest of the app, never as a long float', () => {
    const hops = [hop('acked', { ...sub, attempt: 1, t: 2997.2618010000006 })];
    expect(explainOutcome(hops, 'e1', 'charger')).toBe('acked at t=2,997 ms');
    const late = [hop('dropped', { ...sub, t: 185_000.4, reason: 'queue full' })];
    expect(explainOutcome(late, 'e1', 'charger')).toBe('dropped at t=3 min 05 s: queue full');
  });

  test('expiry, duplicates and in-flight events', () => {
    expect(
      explainOutcome(
        [hop('expired', { node: 'clicks', group: 'warehouse', reason: 'retention: newest 25' })],
        'e1',
        'warehouse',
      ),
    ).toBe('expired: the group lagged and retention removed it (retention: newest 25)');
    expect(explainOutcome([hop('duplicate-skipped', { ...sub, attempt: 2 })], 'e1', 'charger')).toBe(
      'duplicate skipped: already processed',
    );
    expect(explainOutcome([hop('delivered', { ...sub, attempt: 1 })], 'e1', 'charger')).toMatch(
      /^still in flight/,
    );
    expect(explainOutcome([], 'e9', 'charger')).toBe('no hops of e9 are in the trace');
  });

  test('an event whose filter failed on it errored there, with the message, not "still in flight"', () => {
    const message = 'no such overload: dyn<double> % int';
    const hops = [
      hop('produced', { node: 'shop' }),
      hop('published', { node: 'orders' }),
      hop('filter-error', { node: 'even', group: 'charger', reason: message }),
    ];
    const headline = explainOutcome(hops, 'e1', 'charger', { labels: { even: 'Even seq' } });
    expect(headline).toBe(`errored in Even seq's filter at t=${hops[2]!.t} ms: ${message}`);
    expect(headline).not.toMatch(/in flight/);
    // A filter-error hop outside the subscription's own hops reads the same.
    const ungrouped = [
      hop('produced', { node: 'shop' }),
      hop('filter-error', { node: 'even', reason: message }),
    ];
    expect(explainOutcome(ungrouped, 'e1', 'charger')).toMatch(
      /^errored in even's filter at t=\d+ ms: no such/,
    );
  });

  test('an event lost at a down topic says so, with the reason and the time', () => {
    const hops = [
      hop('produced', { node: 'shop' }),
      hop('publish-failed', { node: 'orders', edge: 'e1', reason: 'topic orders is down' }),
    ];
    expect(explainOutcome(hops, 'e1', 'billing', { labels: { orders: 'Orders' } })).toBe(
      `never published to Orders at t=${hops[1]!.t} ms: topic orders is down`,
    );
  });

  test('an event held by its producer is explained as waiting until it is published', () => {
    const held = [hop('produced', { node: 'app' }), hop('buffered', { node: 'app', edge: 'e2' })];
    expect(explainOutcome(held, 'e1', 'billing')).toBe(
      `held by app since t=${held[1]!.t} ms: the topic is down; it is published when the topic is back`,
    );
    const later = [...held, hop('published', { node: 'orders', edge: 'e2', partition: 0, offset: 0 })];
    expect(explainOutcome(later, 'e1', 'billing')).toMatch(/^never reached billing/);
  });

  test('a give-up with compensation names the compensating events', () => {
    const delivered = hop('delivered', { ...sub, attempt: 2 });
    const gaveUp = hop('dropped', {
      ...sub,
      attempt: 2,
      reason: 'gave up after 2 attempts: processing failed',
    });
    const hops = [
      delivered,
      gaveUp,
      { ...hop('emitted', { node: 'charger', event: 'e7', parent: 'e1' }), t: gaveUp.t },
    ];
    expect(explainOutcome(hops, 'e1', 'charger')).toBe(
      `dropped at t=${gaveUp.t} ms: gave up after 2 attempts: processing failed; compensated by e7`,
    );
  });

  test('the consumer that emitted the event says so rather than that it is in flight', () => {
    const hops = [
      hop('emitted', { node: 'stock', parent: 'e3' }),
      hop('published', { node: 'reservations' }),
    ];
    expect(explainOutcome(hops, 'e1', 'stock', { labels: { stock: 'Stock Service' } })).toBe(
      `emitted by Stock Service at t=${hops[0]!.t} ms, as a child of e3`,
    );
  });

  test('a crash says the event is still owed a delivery; a membership marker lists its changes', () => {
    seq = 0;
    const crashed = [
      hop('delivered', { ...sub, attempt: 1 }),
      hop('crashed', { ...sub, attempt: 1, instance: 1, reason: 'taken down' }),
    ];
    expect(explainOutcome(crashed, 'e1', 'charger')).toBe(
      "still in flight: instance 1 crashed at t=20 ms while processing it; the partition's next owner redelivers it",
    );
    const redelivered = [
      ...crashed,
      hop('delivered', { ...sub, attempt: 2 }),
      hop('acked', { ...sub, attempt: 2 }),
    ];
    expect(explainOutcome(redelivered, 'e1', 'charger')).toBe('acked at t=40 ms after 2 attempts');
    seq = 0;
    const marker = [
      hop('instance-down', {
        node: 'charger',
        group: 'charger',
        instance: 1,
        reason: 'instance 1 taken down by hand',
      }),
      hop('rebalanced', {
        node: 'charger',
        group: 'charger',
        reason: 'orders: p0 → instance 0, p1 → instance 0',
      }),
    ];
    expect(explainOutcome(marker, 'e1', 'charger')).toBe(
      'instance 1 went down at t=10 ms: instance 1 taken down by hand; rebalanced at t=20 ms: orders: p0 → instance 0, p1 → instance 0',
    );
  });
});
