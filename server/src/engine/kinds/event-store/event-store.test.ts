import { describe, expect, it } from 'vitest';
import { allHops, chain, flow, ofType, producer, runFlow, type TestNode } from '../../test-helpers.js';

const store = (config: Record<string, unknown> = {}): TestNode => ({
  id: 'store',
  kind: 'event-store',
  config: { aggregateId: 'data.orderId', ...config },
});
const projection = (config: Record<string, unknown> = {}): TestNode => ({
  id: 'orders',
  kind: 'projection',
  config: {
    initial: '{"status": "none", "total": 0.0}',
    reducer: '{"status": event.type, "total": state.total + data.amount}',
    lagMs: 20,
    ...config,
  },
});
// Orders o-1, o-2, o-1, o-2, …: seq 1 and 3 are o-1, amounts 10, 20, 30, …
const orders = (count: number, extra = '') =>
  producer('p', {
    eventType: 'OrderPlaced',
    rate: 10,
    count,
    payload: `{"orderId": "o-" + string(seq % 2 == 0 ? 2 : 1), "amount": seq * 10${extra}}`,
  });

describe('event store', () => {
  it('appends each event as the next version of its aggregate, never rewriting one', () => {
    const { engine } = runFlow(flow({ nodes: [orders(4), store()], edges: chain('p', 'store') }));
    const stored = ofType(allHops(engine), 'stored');
    expect(stored.map((h) => [h.offset, h.reason])).toEqual([
      [0, 'o-1 @ v1'],
      [1, 'o-2 @ v1'],
      [2, 'o-1 @ v2'],
      [3, 'o-2 @ v2'],
    ]);
    const audit = engine.readAggregate('store', 'o-1');
    expect(audit.ok && audit.value.entries.map((e) => [e.version, e.eventId, e.source])).toEqual([
      [1, 'e1', 'p'],
      [2, 'e3', 'p'],
    ]);
  });

  it('refuses a write that expects an older version, with its own hop and reason', () => {
    // Every writer believes the aggregate is new (expects version 0): only each order's first write succeeds.
    const doc = flow({ nodes: [orders(4), store({ expectedVersion: '0' })], edges: chain('p', 'store') });
    const { engine, hops } = runFlow(doc);
    expect(ofType(hops, 'stored').map((h) => h.event)).toEqual(['e1', 'e2']);
    const refused = ofType(hops, 'store-conflict');
    expect(refused.map((h) => [h.event, h.reason])).toEqual([
      ['e3', 'expected version 0 of o-1, it is at version 1'],
      ['e4', 'expected version 0 of o-2, it is at version 1'],
    ]);
    expect(engine.summary().nodes.store).toEqual({ in: 4, out: 2, failed: 2 });
    const audit = engine.readAggregate('store', 'o-1');
    expect(audit.ok && [audit.value.entries.length, audit.value.conflicts]).toEqual([1, 1]);
  });

  it('appends when the expected version is the current one', () => {
    // Each order's first write expects a new aggregate, its second the first version.
    const expected = 'data.amount <= 20.0 ? 0 : 1';
    const doc = flow({
      nodes: [orders(4), store({ expectedVersion: expected })],
      edges: chain('p', 'store'),
    });
    expect(ofType(runFlow(doc).hops, 'stored')).toHaveLength(4);
  });

  it('says why a write has no aggregate id', () => {
    const doc = flow({
      nodes: [orders(1), store({ aggregateId: 'data.customer' })],
      edges: chain('p', 'store'),
    });
    const [err] = ofType(runFlow(doc).hops, 'store-error');
    expect(err?.reason).toMatch(/^aggregate id data\.customer: /);
  });
});

describe('projection', () => {
  const doc = (count: number, config: Record<string, unknown> = {}) =>
    flow({ nodes: [orders(count), store(), projection(config)], edges: chain('p', 'store', 'orders') });

  it('folds each aggregate by the reducer, lagMs after the event was stored', () => {
    const { engine, hops } = runFlow(doc(3));
    const stored = ofType(hops, 'stored');
    const projected = ofType(hops, 'projected');
    expect(projected.map((h, i) => h.t - stored[i]!.t)).toEqual([20, 20, 20]);
    const view = engine.readProjection('orders');
    expect(view.ok && view.value.rows.map((r) => [r.aggregate, r.version, r.state])).toEqual([
      ['o-1', 2, { status: 'OrderPlaced', total: 40 }],
      ['o-2', 1, { status: 'OrderPlaced', total: 20 }],
    ]);
  });

  it('shows the read model as of a hop: the row changes when the projection applies, not when stored', () => {
    const { engine, hops } = runFlow(doc(1));
    const stored = ofType(hops, 'stored')[0]!;
    const projected = ofType(hops, 'projected')[0]!;
    const atStore = engine.readProjection('orders', stored.seq);
    expect(atStore.ok && atStore.value).toMatchObject({
      rows: [],
      written: 1,
      applied: 0,
      ahead: { 'o-1': { version: 1, msAgo: 0 } },
    });
    const after = engine.readProjection('orders', projected.seq);
    expect(after.ok && after.value).toMatchObject({ written: 1, applied: 1, behindMs: 0, ahead: {} });
    expect(after.ok && after.value.rows[0]?.state).toEqual({ status: 'OrderPlaced', total: 10 });
  });

  it('says which rows a read would find stale, and by how much', () => {
    // Two orders 100 ms apart, applied 150 ms after each is stored: at the second write neither is applied.
    const { engine, hops } = runFlow(doc(2, { lagMs: 150 }));
    const second = ofType(hops, 'stored')[1]!;
    const view = engine.readProjection('orders', second.seq);
    expect(view.ok && view.value).toMatchObject({
      written: 2,
      applied: 0,
      behindMs: 100,
      ahead: { 'o-1': { version: 1, msAgo: 100 }, 'o-2': { version: 1, msAgo: 0 } },
    });
  });

  it('leaves the row unchanged and says why when the reducer fails', () => {
    const { engine, hops } = runFlow(doc(1, { reducer: 'state.missing' }));
    expect(ofType(hops, 'projection-error')[0]?.reason).toMatch(/^reducer state\.missing: /);
    expect(engine.summary().nodes.orders).toEqual({ in: 1, out: 0, failed: 1 });
  });

  it('reports its lag in the live metrics', () => {
    const engine = runFlow(doc(1), 1, { untilMs: 5 }).engine;
    expect(engine.metrics().nodes.orders).toMatchObject({ behind: 1, behindMs: 5 });
  });

  it('rebuilds from position 0 while the run goes on and converges on the live rows', () => {
    const { engine } = runFlow(doc(6), 1, { untilMs: 300 });
    expect(engine.rebuildProjection('orders', false).ok).toBe(true);
    expect(engine.rebuildProjection('orders', false).ok).toBe(false);
    engine.run();
    const hops = allHops(engine);
    const rebuilt = ofType(hops, 'rebuilt');
    expect(rebuilt.map((h) => h.reason)).toEqual([
      'rebuilt from position 0: equals the live read model (2 rows)',
    ]);
    const steps = ofType(hops, 'projected').filter((h) => h.edge === undefined);
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(engine.summary().nodes.orders).toEqual({ in: 6, out: 6, failed: 0 });
  });

  it('rebuilds from its newest snapshot', () => {
    const { engine } = runFlow(doc(6, { snapshotEvery: 4 }));
    expect(engine.rebuildProjection('orders', true).ok).toBe(true);
    engine.run();
    const hops = allHops(engine);
    expect(
      ofType(hops, 'projected')
        .filter((h) => h.edge === undefined)
        .map((h) => h.offset),
    ).toEqual([4, 5]);
    expect(ofType(hops, 'rebuilt')[0]?.reason).toBe(
      'rebuilt from the snapshot at position 4: equals the live read model (2 rows)',
    );
  });

  it('puts a changed reducer into effect through a rebuild, saying which rows differed', () => {
    const { engine } = runFlow(doc(2));
    expect(engine.updateNode('orders', { reducer: '{"status": "seen", "total": state.total}' }).ok).toBe(
      true,
    );
    engine.rebuildProjection('orders', false);
    engine.run();
    expect(ofType(allHops(engine), 'rebuilt')[0]?.reason).toBe(
      'rebuilt from position 0: differs from the live read model in 2 rows (o-1, o-2), now in place',
    );
    const view = engine.readProjection('orders');
    expect(view.ok && view.value.rows.map((r) => r.state)).toEqual([
      { status: 'seen', total: 0 },
      { status: 'seen', total: 0 },
    ]);
  });
});
