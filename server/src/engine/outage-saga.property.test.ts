import fc from 'fast-check';
import type { Hop } from '@eventflow/shared';
import { describe, expect, test } from 'vitest';
import { createEngine } from './engine.js';
import { allHops, runFlow } from './test-helpers.js';
import { build, seedArb, specArb } from './random-flows.js';
import { LOST_IN_CRASH } from './kinds/consumer/membership.js';

const RUNS = { numRuns: 60 };

/** A topic taken down by hand at `at` and brought back `for` ms later (picked modulo the flow's topics). */
const outageArb = fc.record({
  topic: fc.nat(2),
  at: fc.integer({ min: 0, max: 300 }),
  for: fc.integer({ min: 0, max: 300 }),
});

/** Each buffered hop pairs with one later `published` of the same event along the same edge. */
function expectBufferedPublished(hops: Hop[]) {
  const waiting = new Map<string, number>();
  for (const h of hops) {
    const k = `${h.event}|${h.edge}`;
    if (h.type === 'buffered') waiting.set(k, (waiting.get(k) ?? 0) + 1);
    else if (h.type === 'published' && waiting.has(k)) {
      const n = waiting.get(k)! - 1;
      if (n === 0) waiting.delete(k);
      else waiting.set(k, n);
    }
  }
  expect([...waiting.keys()]).toEqual([]);
}

describe('properties of rate schedules, topic outages and compensation', () => {
  test('every produced event reaches each topic on its route once: published, held then published, or failed', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const b = build(spec);
        const { hops, engine } = runFlow(b.doc, seed);
        expect(engine.summary().conservation.ok).toBe(true);
        expectBufferedPublished(hops);
        for (const id of Object.keys(engine.metrics().nodes))
          expect(engine.metrics().nodes[id]!.buffered ?? 0, id).toBe(0);
        // Arrivals at a topic along one edge: dead-lettering re-publishes along the consumer's own DLQ edge.
        const fates = new Map<string, string[]>();
        for (const h of hops) {
          if (h.type !== 'published' && h.type !== 'publish-failed' && h.type !== 'buffered') continue;
          const k = `${h.event}|${h.edge}`;
          fates.set(k, [...(fates.get(k) ?? []), h.type]);
        }
        const allowed = ['published', 'buffered,published', 'publish-failed'];
        for (const [k, f] of fates) expect(allowed, `${k}: ${f.join()}`).toContain(f.join());
      }),
      RUNS,
    );
  });

  test('a compensation is emitted exactly when its consumer gives up, as a child of the given-up event', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const b = build(spec);
        const { hops, engine } = runFlow(b.doc, seed);
        const compensating = new Set(
          b.doc.nodes
            .filter((n) => n.kind === 'consumer' && (n.config.emitsOnGiveUp?.length ?? 0) > 0)
            .map((n) => n.id),
        );
        const givenUp = hops.filter(
          (h) =>
            compensating.has(h.node) &&
            h.group !== undefined &&
            (h.type === 'dropped' || h.type === 'dead-lettered') &&
            // A crash loses an at-most-once event without the consumer giving up on it: no compensation.
            h.reason !== LOST_IN_CRASH,
        );
        const undo = hops.filter((h) => h.type === 'emitted' && engine.trace.event(h.event)?.type === 'Undo');
        expect(undo.map((h) => `${h.node}|${h.parent}|${h.t}`).sort()).toEqual(
          givenUp.map((h) => `${h.node}|${h.event}|${h.t}`).sort(),
        );
        for (const h of undo) {
          const parent = hops.find((x) => x.event === h.parent)!;
          expect(h.trace).toBe(parent.trace);
          expect(engine.trace.event(h.event)!.causationid).toBe(h.parent);
        }
      }),
      RUNS,
    );
  });

  test('topics taken down and up by hand keep conservation, and stepping gives the same trace', () => {
    fc.assert(
      fc.property(specArb, seedArb, fc.array(outageArb, { maxLength: 3 }), (spec, seed, outages) => {
        const doc = build(spec).doc;
        const topics = doc.nodes.filter((n) => n.kind === 'topic').map((n) => n.id);
        const commands = outages
          .flatMap((o) => {
            const topic = topics[o.topic % topics.length]!;
            return [
              { at: o.at, topic, down: true },
              { at: o.at + o.for, topic, down: false },
            ];
          })
          .sort((a, b) => a.at - b.at);
        const drive = (stepwise: boolean) => {
          const e = createEngine({ flow: doc, seed, storeCapacity: 100_000 });
          for (const c of commands) {
            if (stepwise) while (e.step(1, c.at) === 1);
            e.advanceTo(c.at);
            expect(e.setTopicDown(c.topic, c.down)).toEqual({ ok: true, value: null });
          }
          // Whatever the hand left down comes back, so every held event is published.
          for (const t of topics) e.setTopicDown(t, false);
          e.run();
          return e;
        };
        const e = drive(false);
        expect(e.summary().conservation.ok).toBe(true);
        expect(e.summary().outcomes.inFlight).toBe(0);
        expectBufferedPublished(allHops(e));
        expect(allHops(drive(true))).toEqual(allHops(e));
      }),
      { numRuns: 40 },
    );
  });
});
