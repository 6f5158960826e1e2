import { summarizeTrace } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { allHops, consumer, flow, ofType, runFlow, topic } from '../../test-helpers.js';
import { orderProducer } from './test-orders.js';

const orders = orderProducer;
const doc = (config: Record<string, unknown> = {}) =>
  flow({
    nodes: [
      orders(4),
      topic('t', { partitions: 2, latencyMs: 3 }),
      consumer('c'),
      {
        id: 'totals',
        kind: 'projection',
        config: {
          initial: '{"total": 0.0}',
          reducer: '{"total": state.total + data.amount}',
          lagMs: 10,
          ...config,
        },
      },
    ],
    edges: [
      { source: 'p', target: 't' },
      { source: 't', target: 'c' },
      { source: 't', target: 'totals' },
    ],
  });

describe('a projection fed by a topic', () => {
  it('subscribes as a group of its own: folds every publication by its key, the latency and lag after', () => {
    const { engine, hops } = runFlow(doc());
    const published = ofType(hops, 'published');
    const projected = ofType(hops, 'projected');
    expect(projected.map((h) => h.event)).toEqual(published.map((h) => h.event));
    expect(projected.map((h, i) => h.t - published[i]!.t)).toEqual([13, 13, 13, 13]);
    expect(projected.map((h) => [h.edge, h.reason])).toEqual([
      ['t.totals', 'o-1 @ v1, 13 ms after it was published'],
      ['t.totals', 'o-2 @ v1, 13 ms after it was published'],
      ['t.totals', 'o-1 @ v2, 13 ms after it was published'],
      ['t.totals', 'o-2 @ v2, 13 ms after it was published'],
    ]);
    const view = engine.readProjection('totals');
    expect(view.ok && view.value.rows.map((r) => [r.aggregate, r.version, r.state])).toEqual([
      ['o-1', 2, { total: 40 }],
      ['o-2', 2, { total: 60 }],
    ]);
    // The consumer's group is unaffected: it still acks every event.
    expect(engine.summary().groups.map((g) => [g.group, g.acked])).toEqual([['c', 4]]);
    expect(engine.summary().nodes.totals).toEqual({ in: 4, out: 4, failed: 0 });
  });

  it('takes the row from its key expression, and says why when it cannot', () => {
    const byAmount = runFlow(doc({ key: 'data.amount > 20.0 ? "big" : "small"' })).engine.readProjection(
      'totals',
    );
    expect(byAmount.ok && byAmount.value.rows.map((r) => [r.aggregate, r.version])).toEqual([
      ['big', 2],
      ['small', 2],
    ]);
    const { hops, engine } = runFlow(doc({ key: 'data.customer' }));
    expect(ofType(hops, 'projection-error')[0]?.reason).toMatch(/^key data\.customer: /);
    expect(engine.summary().nodes.totals).toEqual({ in: 4, out: 0, failed: 4 });
  });

  it('rebuilds over its own log and converges, and a recount of the trace agrees with the engine', () => {
    const d = doc();
    const { engine } = runFlow(d, 1, { untilMs: 250 });
    expect(engine.rebuildProjection('totals', false).ok).toBe(true);
    engine.run();
    expect(ofType(allHops(engine), 'rebuilt')[0]?.reason).toBe(
      'rebuilt from position 0: equals the live read model (2 rows)',
    );
    const recount = summarizeTrace(d, allHops(engine), { seed: 1, endMs: engine.now() });
    expect(recount.nodes.totals).toEqual(engine.summary().nodes.totals);
  });
});
