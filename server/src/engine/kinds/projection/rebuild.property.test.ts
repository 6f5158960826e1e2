import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine.js';
import { chain, flow, producer } from '../../test-helpers.js';

const doc = (snapshotEvery: number) =>
  flow({
    nodes: [
      // Fired by hand only: a producer with count 0 publishes nothing by itself.
      producer('p', { eventType: 'OrderEvent', count: 0 }),
      { id: 'store', kind: 'event-store', config: { aggregateId: 'data.id' } },
      {
        id: 'view',
        kind: 'projection',
        config: {
          initial: '{"n": 0, "sum": 0.0, "last": ""}',
          reducer: '{"n": state.n + 1, "sum": state.sum + data.x, "last": data.tag}',
          lagMs: 7,
          snapshotEvery,
        },
      },
    ],
    edges: chain('p', 'store', 'view'),
  });

const write = fc.record({
  gapMs: fc.integer({ min: 0, max: 30 }),
  id: fc.constantFrom('a', 'b', 'c', 'd'),
  x: fc.integer({ min: -100, max: 100 }),
  tag: fc.constantFrom('placed', 'paid', 'shipped'),
});

describe('projection rebuild', () => {
  it('for random event sequences, the rebuilt read model equals the live one', () => {
    fc.assert(
      fc.property(
        fc.array(write, { maxLength: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 5 }),
        fc.boolean(),
        (writes, rebuildAfter, snapshotEvery, fromSnapshot) => {
          const engine = createEngine({ flow: doc(snapshotEvery), seed: 3, storeCapacity: 10_000 });
          writes.forEach((w, i) => {
            engine.advanceTo(engine.now() + w.gapMs);
            engine.fire('p', { id: w.id, x: w.x, tag: w.tag });
            if (i === rebuildAfter) expect(engine.rebuildProjection('view', fromSnapshot).ok).toBe(true);
          });
          engine.run();
          const live = engine.readProjection('view');
          const rebuilt = engine.trace.read(1, engine.trace.lastSeq()).filter((h) => h.type === 'rebuilt');
          if (rebuildAfter < writes.length) {
            expect(rebuilt).toHaveLength(1);
            expect(rebuilt[0]!.reason).toMatch(/equals the live read model/);
          }
          // And the live rows are the fold of the writes themselves.
          const expected = new Map<string, { n: number; sum: number; last: string }>();
          for (const w of writes) {
            const r = expected.get(w.id) ?? { n: 0, sum: 0, last: '' };
            expected.set(w.id, { n: r.n + 1, sum: r.sum + w.x, last: w.tag });
          }
          expect(live.ok && live.value.rows.map((r) => [r.aggregate, r.state])).toEqual(
            [...expected.keys()].sort().map((k) => [k, expected.get(k)]),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
