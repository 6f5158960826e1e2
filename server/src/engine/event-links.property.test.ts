import fc from 'fast-check';
import type { Hop } from '@eventflow/shared';
import { describe, expect, test } from 'vitest';
import { runFlow } from './test-helpers.js';
import { build, seedArb, specArb } from './random-flows.js';

/** The event list's outcomes of one event from its hops: the last hop per group, and where it was lost. */
function outcomesOf(hops: Hop[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of hops) {
    if (h.group !== undefined) out[h.group] = h.type;
    else if (h.type === 'unrouted' || h.type === 'publish-failed') out[h.node] = h.type;
  }
  return out;
}

// The hop store links each hop back to its event's previous one (decision 0036). Whatever a small store
// kept, an event's path must be exactly the stored hops of it and its descendants, oldest first; the event
// list's outcomes are those of its stored hops while its first hop is stored, none once it is evicted.
describe('per-event hop links', () => {
  test('paths and outcomes equal a scan of the stored hops, with any store size', () => {
    fc.assert(
      fc.property(specArb, seedArb, fc.integer({ min: 16, max: 200 }), (spec, seed, storeCapacity) => {
        const doc = build(spec).doc;
        const full = runFlow(doc, seed).hops;
        const { engine, hops: stored } = runFlow(doc, seed, undefined, { storeCapacity });
        expect(stored).toEqual(full.slice(full.length - stored.length));
        const firstStored = engine.trace.firstSeq();
        const firstHop = new Map<string, number>();
        for (const h of full) if (!firstHop.has(h.event)) firstHop.set(h.event, h.seq);
        for (const id of new Set(stored.map((h) => h.event))) {
          const path = engine.trace.path(id);
          const members = new Set(path.events.map((e) => e.id));
          expect(path.hops.map((h) => h.seq)).toEqual(
            stored.filter((h) => members.has(h.event)).map((h) => h.seq),
          );
          expect(path.truncated).toBe(path.events.some((e) => firstHop.get(e.id)! < firstStored));
          const row = engine.trace.query({}, undefined, 1, { eventId: id }).events[0];
          if (row?.id !== id) continue; // the event itself has left the event table
          const head = firstHop.get(id)! >= firstStored;
          expect(row.outcomes).toEqual(head ? outcomesOf(stored.filter((h) => h.event === id)) : {});
        }
      }),
      { numRuns: 40 },
    );
  });
});
