import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runFlow } from './test-helpers.js';
import { build, seedArb, specArb } from './random-flows.js';

const RUNS = { numRuns: 60 };
const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((a, x) => a + f(x), 0);

describe('run summary over random flows and seeds', () => {
  test('per-group outcomes add up to each group’s expected pairs and to the run-wide totals', () => {
    fc.assert(
      fc.property(specArb, seedArb, fc.option(fc.integer({ min: 1, max: 400 })), (spec, seed, until) => {
        // Stopping early (`until`) leaves pairs in flight: they must be attributed to their group too.
        const { engine } = runFlow(build(spec).doc, seed, until === null ? undefined : { untilMs: until });
        const s = engine.summary();
        for (const g of s.groups) {
          expect(g.acked + g.filtered + g.dropped + g.deadLettered + g.expired + g.inFlight, g.group).toBe(
            g.expected,
          );
        }
        const groups = s.groups;
        expect(sum(groups, (g) => g.expected)).toBe(s.conservation.expected);
        expect(sum(groups, (g) => g.inFlight)).toBe(s.outcomes.inFlight);
        for (const k of ['acked', 'filtered', 'dropped', 'deadLettered', 'expired'] as const)
          expect(
            sum(groups, (g) => g[k]),
            k,
          ).toBe(s.outcomes[k]);
        for (const k of ['duplicatesProcessed', 'duplicatesSkipped', 'orderViolations'] as const)
          expect(
            sum(groups, (g) => g[k]),
            k,
          ).toBe(s.processing[k]);
        expect(new Set(groups.map((g) => g.group)).size).toBe(groups.length);
      }),
      RUNS,
    );
  });

  test('latency percentiles are monotone; topics’ out is what their groups fetched', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const { engine } = runFlow(build(spec).doc, seed);
        const s = engine.summary();
        for (const [id, l] of [
          ...Object.entries(s.latency.nodes),
          ['end to end', s.latency.endToEnd] as const,
        ]) {
          expect(l.min, id).toBeLessThanOrEqual(l.p50);
          expect(l.p50, id).toBeLessThanOrEqual(l.p95);
          expect(l.p95, id).toBeLessThanOrEqual(l.p99);
          expect(l.p99, id).toBeLessThanOrEqual(l.max);
          expect(l.min, id).toBeGreaterThanOrEqual(0);
        }
        const topics = engine.flow.nodes.filter((n) => n.kind === 'topic');
        // Idle: every pair a group did not lose to retention was fetched, once (no replay here).
        const fetched = sum(s.groups, (g) => g.acked + g.filtered + g.dropped + g.deadLettered);
        expect(sum(topics, (t) => s.nodes[t.id]!.out!)).toBe(fetched);
        for (const t of topics) expect(s.latency.nodes[t.id]!.count).toBe(s.nodes[t.id]!.out);
      }),
      RUNS,
    );
  });

  test('the same flow and seed give the same summary', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const doc = build(spec).doc;
        expect(runFlow(doc, seed).engine.summary()).toEqual(runFlow(doc, seed).engine.summary());
      }),
      { numRuns: 20 },
    );
  });
});
