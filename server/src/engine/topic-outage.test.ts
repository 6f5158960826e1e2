import { describe, expect, test } from 'vitest';
import { createEngine } from './engine.js';
import {
  allHops,
  brief,
  chain,
  consumer,
  flow,
  ofType,
  producer,
  runFlow,
  topic,
  typesOf,
} from './test-helpers.js';

const outageFlow = (p: Record<string, unknown>, outages = [{ at: 250, for: 500 }]) =>
  flow({
    nodes: [producer('p', { rate: 4, count: 6, ...p }), topic('orders', { outages }), consumer('c')],
    edges: chain('p', 'orders', 'c'),
  });

describe('topic outages', () => {
  test('fail: events produced while the topic is down are lost with publish-failed naming the topic', () => {
    const { hops, engine } = runFlow(outageFlow({ onTopicDown: 'fail' }));
    // Produced at 0, 250, 500, 750, 1000, 1250: the two inside [250, 750) fail.
    expect(typesOf(hops, 'e2')).toEqual(['produced', 'publish-failed']);
    expect(typesOf(hops, 'e3')).toEqual(['produced', 'publish-failed']);
    expect(ofType(hops, 'publish-failed')[0]).toMatchObject({
      node: 'orders',
      reason: 'topic orders is down',
    });
    expect(typesOf(hops, 'e4')).toContain('acked');
    const s = engine.summary();
    expect(s.conservation.ok).toBe(true);
    expect(s.outcomes.acked).toBe(4);
  });

  test('buffer: held by the producer, published in order when the topic is back, then delivered', () => {
    const { hops, engine } = runFlow(outageFlow({ onTopicDown: 'buffer' }));
    expect(brief(hops.filter((h) => h.event === 'e2' && h.type !== 'processed'))).toEqual([
      ['produced', 'p', 250],
      ['buffered', 'p', 250],
      ['published', 'orders', 750],
      ['delivered', 'c', 751],
      ['acked', 'c', 761],
    ]);
    const published = ofType(hops, 'published').map((h) => [h.event, h.offset]);
    expect(published.slice(1, 4)).toEqual([
      ['e2', 1],
      ['e3', 2],
      ['e4', 3],
    ]);
    expect(engine.summary().outcomes.acked).toBe(6);
  });

  test('buffer beyond bufferLimit fails the overflow with its own reason', () => {
    const { hops } = runFlow(outageFlow({ onTopicDown: 'buffer', bufferLimit: 1, rate: 10, count: 10 }));
    const failed = ofType(hops, 'publish-failed');
    expect(ofType(hops, 'buffered')).toHaveLength(1);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]!.reason).toBe("topic orders is down and the producer's buffer is full (1 events)");
  });

  test('consumers fetch nothing while the topic is down, and catch up when it is back', () => {
    const doc = flow({
      nodes: [
        producer('p', { rate: 100, count: 5 }),
        topic('orders', { latencyMs: 0 }),
        consumer('c', { processingMs: 200 }),
      ],
      edges: chain('p', 'orders', 'c'),
    });
    const engine = createEngine({ flow: doc, seed: 1, storeCapacity: 10_000 });
    engine.advanceTo(50);
    expect(engine.setTopicDown('orders', true)).toEqual({ ok: true, value: null });
    expect(engine.metrics().nodes['orders']!.down).toBe(true);
    engine.advanceTo(1000);
    // e1 was already being processed; nothing else is delivered while the broker is down.
    expect(ofType(allHops(engine), 'delivered').map((h) => h.event)).toEqual(['e1']);
    engine.setTopicDown('orders', false);
    engine.run();
    const delivered = ofType(allHops(engine), 'delivered');
    expect(delivered.map((h) => h.event)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(delivered[1]!.t).toBe(1000);
    expect(engine.summary().conservation.ok).toBe(true);
  });

  test('a topic taken down by hand makes emits into it fail too; unknown topics are refused', () => {
    const doc = flow({
      nodes: [
        producer('p', { rate: 0 }),
        topic('a'),
        consumer('c', { emits: [{ eventType: 'Next' }] }),
        topic('b'),
      ],
      edges: chain('p', 'a', 'c', 'b'),
    });
    const engine = createEngine({ flow: doc, seed: 1, storeCapacity: 10_000 });
    engine.setTopicDown('b', true);
    engine.fire('p');
    engine.run();
    expect(typesOf(allHops(engine), 'e2')).toEqual(['emitted', 'publish-failed']);
    expect(engine.setTopicDown('c', true)).toMatchObject({ ok: false, code: 'unknown-node' });
  });

  test('the producer reports how many events it holds', () => {
    const engine = createEngine({
      flow: outageFlow({ onTopicDown: 'buffer' }),
      seed: 1,
      storeCapacity: 10_000,
    });
    engine.advanceTo(600);
    expect(engine.metrics().nodes['p']!.buffered).toBe(2);
    expect(engine.metrics().nodes['orders']!.down).toBe(true);
    engine.advanceTo(800);
    expect(engine.metrics().nodes['p']!.buffered).toBe(0);
    expect(engine.metrics().nodes['orders']!.down).toBeUndefined();
  });

  test('the events query finds held and lost events by their hop type, and names the topic that lost them', () => {
    const { engine } = runFlow(outageFlow({ onTopicDown: 'fail' }));
    const lost = engine.trace.query({ outcome: 'publish-failed' }, undefined, 50);
    expect(lost.events.map((r) => [r.id, r.outcomes])).toEqual([
      ['e2', { orders: 'publish-failed' }],
      ['e3', { orders: 'publish-failed' }],
    ]);
    const held = runFlow(outageFlow({ onTopicDown: 'buffer' })).engine.trace.query(
      { outcome: 'buffered' },
      undefined,
      50,
    );
    expect(held.events.map((r) => r.id)).toEqual(['e2', 'e3']);
  });
});
