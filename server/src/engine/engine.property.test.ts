import fc from 'fast-check';
import { Hop, TERMINAL_HOP_TYPES } from '@eventflow/shared';
import { describe, expect, test } from 'vitest';
import { runFlow } from './test-helpers.js';
import { build, seedArb, specArb, type Built } from './random-flows.js';

const TERMINAL = new Set<string>([...TERMINAL_HOP_TYPES, 'filter-error']);

/** Terminal hops per (event, topic, group), from the hops alone; publish-side and chain-depth hops are skipped. */
function terminalsBySubscription(hops: Hop[], b: Built): Map<string, number> {
  const counts = new Map<string, number>();
  for (const h of hops) {
    if (!TERMINAL.has(h.type)) continue;
    let sub: [string, string] | undefined;
    if (h.type === 'expired') sub = [h.node, h.group!];
    else if (h.group !== undefined || h.node.startsWith('f')) sub = b.subOf.get(h.node);
    if (!sub) continue;
    const k = `${h.event}|${sub[0]}|${sub[1]}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

const RUNS = { numRuns: 60 };

describe('engine properties over random flows and seeds', () => {
  test('runs finish idle with conservation ok, nothing in flight, and hops well formed', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const { engine, stop, hops } = runFlow(build(spec).doc, seed);
        expect(stop).toBe('idle');
        const s = engine.summary();
        expect(s.conservation.ok).toBe(true);
        expect(s.outcomes.inFlight).toBe(0);
        const o = s.outcomes;
        expect(o.acked + o.filtered + o.dropped + o.deadLettered + o.expired).toBe(s.conservation.expected);
        hops.forEach((h, i) => {
          expect(Hop.safeParse(h).success).toBe(true);
          expect(h.seq).toBe(i + 1);
          if (i > 0) expect(h.t).toBeGreaterThanOrEqual(hops[i - 1]!.t);
          expect(engine.trace.event(h.event)).toBeDefined();
        });
      }),
      RUNS,
    );
  });

  test('every publication × subscription gets exactly one terminal hop', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const b = build(spec);
        const { hops } = runFlow(b.doc, seed);
        const expected = new Map<string, number>();
        for (const h of hops) {
          if (h.type !== 'published') continue;
          // An event can be published to one topic more than once (dead-lettered by two groups): one outcome each.
          for (const g of b.groupsOf.get(h.node) ?? []) {
            const k = `${h.event}|${h.node}|${g}`;
            expected.set(k, (expected.get(k) ?? 0) + 1);
          }
        }
        expect(Object.fromEntries(terminalsBySubscription(hops, b))).toEqual(Object.fromEntries(expected));
      }),
      RUNS,
    );
  });

  test('the same flow and seed give an identical trace', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const doc = build(spec).doc;
        expect(JSON.stringify(runFlow(doc, seed).hops)).toBe(JSON.stringify(runFlow(doc, seed).hops));
      }),
      { numRuns: 30 },
    );
  });

  test('exactly-once groups never process an event twice', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const b = build(spec);
        const { hops } = runFlow(b.doc, seed);
        const seen = new Set<string>();
        for (const h of hops) {
          if (h.type !== 'processed' || !b.exactlyOnce.has(h.group!)) continue;
          const k = `${h.group}|${h.event}`;
          expect(seen.has(k), `${k} processed twice`).toBe(false);
          seen.add(k);
        }
      }),
      RUNS,
    );
  });

  test('with every group exactly-once, duplicatesProcessed is 0', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const b = build(spec, ['exactly-once', 'exactly-once', 'exactly-once']);
        expect(runFlow(b.doc, seed).engine.summary().processing.duplicatesProcessed).toBe(0);
      }),
      RUNS,
    );
  });

  test('blocking retries process each (group, topic, partition) in offset order', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const blocking = {
          ...spec,
          consumers: spec.consumers.map((c) => ({ ...c, retry: 'blocking' as const })),
        };
        const b = build(blocking);
        const last = new Map<string, number>();
        for (const h of runFlow(b.doc, seed).hops) {
          if (h.type !== 'processed') continue;
          const k = `${h.group}|${b.subOf.get(h.node)![0]}|${h.partition}`;
          expect(h.offset!).toBeGreaterThanOrEqual(last.get(k) ?? 0);
          last.set(k, h.offset!);
        }
      }),
      RUNS,
    );
  });

  test('blocking retries never count a per-key order violation', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const blocking = {
          ...spec,
          consumers: spec.consumers.map((c) => ({ ...c, retry: 'blocking' as const })),
        };
        expect(runFlow(build(blocking).doc, seed).engine.summary().processing.orderViolations).toBe(0);
      }),
      RUNS,
    );
  });

  test('with a small store, every stored hop’s event is readable and paths hold only stored hops', () => {
    fc.assert(
      fc.property(specArb, seedArb, fc.integer({ min: 16, max: 200 }), (spec, seed, storeCapacity) => {
        const { engine } = runFlow(build(spec).doc, seed, undefined, { storeCapacity });
        const t = engine.trace;
        expect(t.firstSeq()).toBe(Math.max(1, t.lastSeq() - storeCapacity + 1));
        expect(t.evicted()).toBe(t.firstSeq() - 1);
        const stored = t.read(1, t.lastSeq());
        expect(stored.map((h) => h.seq)).toEqual(
          Array.from({ length: stored.length }, (_, i) => t.firstSeq() + i),
        );
        for (const h of stored) {
          expect(t.event(h.event), h.event).toBeDefined();
          const path = t.path(h.event);
          expect(path.hops.every((x) => x.seq >= t.firstSeq())).toBe(true);
          expect(path.hops.some((x) => x.seq === h.seq)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});

const MEMBERSHIP = new Set(['instance-down', 'instance-up', 'scaled', 'rebalanced', 'crashed']);

describe('the random-flow generator', () => {
  test('draws routers, webhooks, outages, compensation and membership, so the properties above cover their hops', () => {
    const seen = new Set<string>();
    for (const [spec, seed] of fc.sample(fc.tuple(specArb, seedArb), { numRuns: 80, seed: 11 })) {
      const { engine, hops } = runFlow(build(spec).doc, seed);
      const routed = new Set(hops.filter((h) => h.node.startsWith('r')).map((h) => h.event));
      for (const h of hops) {
        if (h.node.startsWith('r')) seen.add(`router ${h.type}`);
        if (h.node.startsWith('w') && h.type !== 'delivered')
          seen.add(`webhook ${h.type} ${h.status ?? '-'}`);
        if (h.type === 'buffered') seen.add(routed.has(h.event) ? 'routed buffered' : 'buffered');
        if (h.type === 'publish-failed')
          seen.add(routed.has(h.event) ? 'routed publish-failed' : 'publish-failed');
        if (h.type === 'emitted' && engine.trace.event(h.event)?.type === 'Undo') seen.add('compensation');
        if (MEMBERSHIP.has(h.type)) seen.add(h.type);
      }
    }
    expect([...seen]).toEqual(
      expect.arrayContaining([
        'router routed',
        'router unrouted',
        'router filter-error',
        'webhook acked 200',
        'webhook failed 400',
        'webhook failed 503',
        'webhook failed -',
        'webhook retry-scheduled 503',
        'webhook dead-lettered 400',
        'buffered',
        'publish-failed',
        'routed buffered',
        'routed publish-failed',
        'compensation',
        ...MEMBERSHIP,
      ]),
    );
  });
});
