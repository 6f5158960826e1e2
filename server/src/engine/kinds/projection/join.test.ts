import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine.js';
import { allHops, flow, ofType, producer, runFlow } from '../../test-helpers.js';

const view = (id: string, joinsAtMs: number) => ({
  id,
  kind: 'projection' as const,
  config: {
    initial: '{"n": 0, "sum": 0.0}',
    reducer: '{"n": state.n + 1, "sum": state.sum + data.x}',
    lagMs: 7,
    joinsAtMs,
  },
});
const doc = (joinsAtMs: number, count = 0) =>
  flow({
    nodes: [
      producer('p', {
        eventType: 'OrderEvent',
        count,
        rate: 10,
        payload: '{"id": "o-" + string(seq % 3), "x": seq * 1.0}',
      }),
      { id: 'store', kind: 'event-store', config: { aggregateId: 'data.id' } },
      view('early', 0),
      view('late', joinsAtMs),
    ],
    edges: [
      { source: 'p', target: 'store' },
      { source: 'store', target: 'early' },
      { source: 'store', target: 'late' },
    ],
  });

const rowsOf = (engine: ReturnType<typeof createEngine>, id: string) => {
  const r = engine.readProjection(id);
  return r.ok ? r.value.rows.map((x) => [x.aggregate, x.version, x.state]) : [];
};

describe('a projection added mid-run (joinsAtMs)', () => {
  it('stays empty until it joins, replays the store from position 0 with visible steps, then follows live', () => {
    const { engine } = runFlow(doc(450, 8));
    const hops = allHops(engine);
    const late = hops.filter((h) => h.node === 'late');
    expect(late.filter((h) => h.t < 450)).toEqual([]);
    const steps = ofType(late, 'projected').filter((h) => h.edge === undefined);
    // Five writes (at 0, 100, …, 400 ms) were made before it joined; it replays them one per ms.
    expect(steps.map((h) => [h.t, h.offset])).toEqual([
      [450, 0],
      [451, 1],
      [452, 2],
      [453, 3],
      [454, 4],
    ]);
    expect(steps[0]!.reason).toMatch(/^caught up e1: o-1 @ v1, joined at 450 ms$/);
    expect(ofType(late, 'rebuilt').map((h) => [h.t, h.reason])).toEqual([
      [
        455,
        'joined at 450 ms: replayed 5 events from position 0 (3 rows; equal to early, there from the start), now follows live',
      ],
    ]);
    // Then live, with the edge and the lag, like the projection that was there from the start.
    const live = ofType(late, 'projected').filter((h) => h.edge !== undefined);
    expect(live.map((h) => h.offset)).toEqual([5, 6, 7]);
    expect(rowsOf(engine, 'late')).toEqual(rowsOf(engine, 'early'));
    expect(
      engine.readProjection('late', steps[0]!.seq - 1).ok && engine.readProjection('late', steps[0]!.seq - 1),
    ).toMatchObject({ value: { rows: [], applied: 0 } });
  });

  it('refuses a rebuild before it has caught up', () => {
    const { engine } = runFlow(doc(450, 8), 1, { untilMs: 300 });
    expect(engine.rebuildProjection('late', false)).toMatchObject({ ok: false });
  });

  it('for random writes and join times, ends with the rows of a projection that was there from the start', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ gapMs: fc.integer({ min: 0, max: 20 }), x: fc.integer({ min: -50, max: 50 }) }),
          {
            maxLength: 40,
          },
        ),
        fc.integer({ min: 1, max: 500 }),
        (writes, joinsAtMs) => {
          const engine = createEngine({ flow: doc(joinsAtMs), seed: 2, storeCapacity: 10_000 });
          writes.forEach((w, i) => {
            engine.advanceTo(engine.now() + w.gapMs);
            engine.fire('p', { id: `k${i % 4}`, x: w.x });
          });
          engine.run();
          expect(rowsOf(engine, 'late')).toEqual(rowsOf(engine, 'early'));
          const joined = ofType(allHops(engine), 'rebuilt').filter((h) => h.node === 'late');
          expect(joined).toHaveLength(1);
          // The visible check compares with the early twin only when both stand at the same position.
          expect(joined[0]!.reason).not.toMatch(/differing/);
        },
      ),
      { numRuns: 60 },
    );
  });
});
