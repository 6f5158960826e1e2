import { summarizeTrace } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { allHops, consumer, flow, ofType, runFlow, topic, type TestNode } from '../../test-helpers.js';
import { orderProducer } from '../projection/test-orders.js';

// Orders o-1, o-2, o-1, … every 100 ms, written to the store and published to `t`; `c` reads the order's row.
const orders = orderProducer;
const projection = (lagMs: number): TestNode => ({
  id: 'orders',
  kind: 'projection',
  config: {
    initial: '{"total": 0.0}',
    reducer: '{"total": state.total + data.amount}',
    lagMs,
  },
});
const doc = (lagMs: number, count = 3, key = 'data.orderId') =>
  flow({
    nodes: [
      orders(count),
      { id: 'store', kind: 'event-store', config: { aggregateId: 'data.orderId' } },
      projection(lagMs),
      topic('t'),
      consumer('c', {
        processingMs: 5,
        emits: [{ eventType: 'Checked', payload: '{"seen": row == null ? -1.0 : row.total}' }],
      }),
      topic('out'),
    ],
    edges: [
      { source: 'p', target: 'store' },
      { source: 'store', target: 'orders' },
      { source: 'p', target: 't' },
      { source: 't', target: 'c' },
      { source: 'c', target: 'out' },
      { source: 'orders', target: 'c', role: 'query', query: { key } },
    ],
  });

describe('a query: a consumer reading a projection row while it processes', () => {
  it('says the read was stale, naming both versions and how long before the newer one was written', () => {
    // The projection applies 50 ms after each write; the consumer reads about 6 ms after it.
    const { hops } = runFlow(doc(50));
    const reads = hops.filter((h) => h.type === 'read' || h.type === 'stale-read');
    const produced = ofType(hops, 'produced').map((h) => h.event);
    expect(reads.map((h) => [h.type, h.event, h.node, h.edge])).toEqual(
      produced.map((e) => ['stale-read', e, 'c', 'orders.c']),
    );
    expect(reads[0]!.reason).toMatch(
      /^read o-1 from orders: no row while v1 was written \d+ ms earlier: stale, 1 version behind$/,
    );
    expect(reads[2]!.reason).toMatch(
      /^read o-1 @ v1 from orders while v2 was written \d+ ms earlier: stale, 1 version behind$/,
    );
  });

  it('says the read was current when the projection had caught up, and hands the row to the emits', () => {
    const { hops, engine } = runFlow(doc(1));
    const reads = hops.filter((h) => h.type === 'read' || h.type === 'stale-read');
    expect(reads.map((h) => h.type)).toEqual(['read', 'read', 'read']);
    expect(reads[2]!.reason).toBe('read o-1 @ v2 from orders: current');
    // The third order is o-1's second: its row holds both amounts (10 + 30) when the consumer reads it.
    const emitted = ofType(allHops(engine), 'emitted');
    expect(emitted).toHaveLength(3);
    expect(engine.summary().reads).toEqual({ c: { reads: 3, stale: 0 } });
  });

  it('lets the emits decide on the stale row: the stale one sees the older total', () => {
    const stale = runFlow(doc(50)).engine;
    const current = runFlow(doc(1)).engine;
    const seen = (e: typeof stale) =>
      ofType(allHops(e), 'emitted').map((h) => (e.trace.event(h.event)?.data as { seen: number }).seen);
    expect(seen(stale)).toEqual([-1, -1, 10]);
    expect(seen(current)).toEqual([10, 20, 40]);
  });

  it('counts stale reads per consumer in the summary, as a recount of the trace does', () => {
    const d = doc(50);
    const { engine } = runFlow(d);
    expect(engine.summary().reads).toEqual({ c: { reads: 3, stale: 3 } });
    const recount = summarizeTrace(d, allHops(engine), { seed: 1, endMs: engine.now() });
    expect(recount.reads).toEqual(engine.summary().reads);
  });

  it('fails the processing with the reason when the key cannot be evaluated', () => {
    const { hops } = runFlow(doc(1, 1, 'data.customer'));
    expect(ofType(hops, 'read')).toHaveLength(0);
    expect(ofType(hops, 'failed')[0]?.reason).toMatch(/^query key data\.customer: /);
  });
});
