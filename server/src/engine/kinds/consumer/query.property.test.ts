import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine.js';
import { consumer, flow, producer, topic } from '../../test-helpers.js';

const doc = (lagMs: number, processingMs: number) =>
  flow({
    nodes: [
      // Fired by hand only: a producer with count 0 publishes nothing by itself.
      producer('p', { eventType: 'OrderEvent', count: 0, key: 'data.id' }),
      { id: 'store', kind: 'event-store', config: { aggregateId: 'data.id' } },
      {
        id: 'view',
        kind: 'projection',
        config: { initial: '{"n": 0}', reducer: '{"n": state.n + 1}', lagMs },
      },
      topic('t', { partitions: 2 }),
      consumer('c', { processingMs, instances: 2 }),
    ],
    edges: [
      { source: 'p', target: 'store' },
      { source: 'store', target: 'view' },
      { source: 'p', target: 't' },
      { source: 't', target: 'c' },
      { source: 'view', target: 'c', role: 'query', query: { key: 'data.id' } },
    ],
  });

const write = fc.record({ gapMs: fc.integer({ min: 0, max: 40 }), id: fc.constantFrom('a', 'b', 'c') });

describe('stale reads', () => {
  it('a read is stale iff the projection had applied an older version of the row than the store held', () => {
    fc.assert(
      fc.property(
        fc.array(write, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 30 }),
        (writes, lagMs, processingMs) => {
          const engine = createEngine({ flow: doc(lagMs, processingMs), seed: 5, storeCapacity: 10_000 });
          for (const w of writes) {
            engine.advanceTo(engine.now() + w.gapMs);
            engine.fire('p', { id: w.id });
          }
          engine.run();
          const hops = engine.trace.read(1, engine.trace.lastSeq());
          const reads = hops.filter((h) => h.type === 'read' || h.type === 'stale-read');
          expect(reads).toHaveLength(writes.length);
          // Versions as the trace tells them, independently of the engine's own bookkeeping.
          const versionBefore = (type: 'stored' | 'projected', key: string, seq: number) =>
            hops.filter(
              (h) =>
                h.type === type && h.seq < seq && h.edge !== undefined && h.reason?.startsWith(`${key} @`),
            ).length;
          for (const r of reads) {
            const key = /^read (\S+)/.exec(r.reason ?? '')![1]!;
            const written = versionBefore('stored', key, r.seq);
            const applied = versionBefore('projected', key, r.seq);
            expect(r.type === 'stale-read').toBe(applied < written);
            if (r.type === 'stale-read') expect(r.reason).toContain(`while v${written} was written`);
            if (applied > 0) expect(r.reason).toContain(`@ v${applied} from view`);
          }
          const summary = engine.summary().reads!.c!;
          expect(summary).toEqual({
            reads: reads.length,
            stale: reads.filter((h) => h.type === 'stale-read').length,
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});
