import { countsAt, createCountsFold, type NodeCounts } from '@eventflow/shared';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Engine } from './api.js';
import { runFlow } from './test-helpers.js';
import { build, seedArb, specArb } from './random-flows.js';

const RUNS = { numRuns: 60 };

/** The engine's live metrics without the facts of the moment the trace cannot tell (rates, instances, outages). */
function engineCounts(engine: Engine) {
  const m = engine.metrics();
  const nodes: Record<string, NodeCounts> = {};
  for (const [id, { rate: _r, instances: _i, down: _d, buffered: _b, ...counts }] of Object.entries(m.nodes))
    nodes[id] = counts;
  const edges = Object.fromEntries(Object.entries(m.edges).map(([id, e]) => [id, { count: e.count }]));
  return { nodes, edges };
}

const CUMULATIVE = [
  'in',
  'out',
  'failures',
  'acked',
  'filtered',
  'filterErrors',
  'dropped',
  'deadLettered',
  'expired',
] as const;

describe('counts recomputed from the trace', () => {
  test('at the last hop they equal the engine’s own metrics, whether the run ended or was cut short', () => {
    fc.assert(
      fc.property(specArb, seedArb, fc.option(fc.integer({ min: 1, max: 300 })), (spec, seed, until) => {
        const { doc } = build(spec);
        const { engine, hops } = runFlow(doc, seed, until === null ? undefined : { untilMs: until });
        expect(countsAt(engine.flow, hops)).toEqual(engineCounts(engine));
      }),
      RUNS,
    );
  });

  test('cumulative counters never fall as the seq grows, and each prefix is a fold of the one before', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const { engine, hops } = runFlow(build(spec).doc, seed);
        const fold = createCountsFold(engine.flow);
        let before = fold.counts();
        const every = Math.max(1, Math.floor(hops.length / 25));
        hops.forEach((h, i) => {
          fold.add(h);
          if (i % every !== 0 && i !== hops.length - 1) return;
          const now = fold.counts();
          expect(now).toEqual(countsAt(engine.flow, hops.slice(0, i + 1)));
          for (const [id, c] of Object.entries(now.nodes)) {
            for (const k of CUMULATIVE)
              expect(c[k] ?? 0, `${id}.${k}`).toBeGreaterThanOrEqual(before.nodes[id]![k] ?? 0);
            c.partitions?.forEach((p, i) =>
              expect(p.end).toBeGreaterThanOrEqual(before.nodes[id]!.partitions![i]!.end),
            );
          }
          for (const [id, e] of Object.entries(now.edges))
            expect(e.count).toBeGreaterThanOrEqual(before.edges[id]!.count);
          before = now;
        });
      }),
      { numRuns: 30 },
    );
  });
});
