import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createEngine } from './engine.js';
import { allHops, runFlow } from './test-helpers.js';
import { build, seedArb, specArb } from './random-flows.js';

/** A live change to one consumer (picked by index, modulo the flow's consumers). */
const changeArb = fc.record({
  consumer: fc.nat(3),
  at: fc.integer({ min: 0, max: 400 }),
  patch: fc.oneof(
    fc.record({ instances: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ failureRate: fc.constantFrom(0, 0.5, 1) }),
    fc.record({ retry: fc.constantFrom('blocking', 'requeue') }),
    fc.record({ processingMs: fc.integer({ min: 0, max: 40 }) }),
    fc.record({ delivery: fc.constantFrom('at-most-once', 'at-least-once', 'exactly-once') }),
  ),
});

/** Taking a consumer (or its first instance) down or back by hand at a simulated time. */
const membershipArb = fc.record({
  consumer: fc.nat(3),
  at: fc.integer({ min: 0, max: 400 }),
  down: fc.boolean(),
  first: fc.boolean(),
});

const fresh = (doc: ReturnType<typeof build>['doc'], seed: number) =>
  createEngine({ flow: doc, seed, storeCapacity: 100_000 });

describe('engine properties under stepping and live commands', () => {
  test('step(1) until idle and advanceTo in chunks both give the trace of one run', () => {
    fc.assert(
      fc.property(specArb, seedArb, fc.integer({ min: 1, max: 200 }), (spec, seed, chunk) => {
        const doc = build(spec).doc;
        const whole = runFlow(doc, seed).hops;
        const stepped = fresh(doc, seed);
        while (stepped.step(1) === 1);
        expect(allHops(stepped)).toEqual(whole);
        const chunked = fresh(doc, seed);
        for (let t = 0; chunked.nextTime() !== undefined; t += chunk) chunked.advanceTo(t);
        expect(allHops(chunked)).toEqual(whole);
      }),
      { numRuns: 30 },
    );
  });

  test('live consumer changes mid-run keep conservation and leave nothing in flight', () => {
    fc.assert(
      fc.property(specArb, seedArb, fc.array(changeArb, { maxLength: 3 }), (spec, seed, changes) => {
        const doc = build(spec).doc;
        const e = fresh(doc, seed);
        for (const ch of [...changes].sort((a, b) => a.at - b.at)) {
          e.run({ untilMs: ch.at });
          expect(e.summary().conservation.ok).toBe(true);
          expect(e.updateNode(`c${ch.consumer % spec.consumers.length}`, ch.patch)).toEqual({
            ok: true,
            value: null,
          });
        }
        expect(e.run()).toBe('idle');
        const s = e.summary();
        expect(s.conservation.ok).toBe(true);
        expect(s.outcomes.inFlight).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  test('downs and ups by hand keep conservation; bringing every consumer back drains the run', () => {
    fc.assert(
      fc.property(specArb, seedArb, fc.array(membershipArb, { maxLength: 4 }), (spec, seed, changes) => {
        const doc = build(spec).doc;
        const play = () => {
          const e = fresh(doc, seed);
          for (const ch of [...changes].sort((a, b) => a.at - b.at)) {
            e.run({ untilMs: ch.at });
            const id = `c${ch.consumer % spec.consumers.length}`;
            expect(e.setDown(id, ch.down, ch.first ? 0 : undefined)).toEqual({ ok: true, value: null });
            expect(e.summary().conservation.ok).toBe(true);
          }
          e.run();
          spec.consumers.forEach((_, i) => e.setDown(`c${i}`, false));
          expect(e.run()).toBe('idle');
          return e;
        };
        const e = play();
        const s = e.summary();
        expect(s.conservation.ok).toBe(true);
        expect(s.outcomes.inFlight).toBe(0);
        // The commands and their simulated times are inputs like the seed: the same ones give the same trace.
        expect(JSON.stringify(allHops(play()))).toBe(JSON.stringify(allHops(e)));
      }),
      { numRuns: 60 },
    );
  });

  test('replay after a run redelivers and keeps conservation', () => {
    fc.assert(
      fc.property(specArb, seedArb, fc.nat(3), fc.nat(5), (spec, seed, which, from) => {
        const e = fresh(build(spec).doc, seed);
        e.run();
        const before = e.summary().conservation.expected;
        expect(e.replay(`c${which % spec.consumers.length}`, from).ok).toBe(true);
        expect(e.run()).toBe('idle');
        const s = e.summary();
        expect(s.conservation.ok).toBe(true);
        expect(s.outcomes.inFlight).toBe(0);
        expect(s.conservation.expected).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  test('a mid-run replay keeps conservation', () => {
    fc.assert(
      fc.property(specArb, seedArb, fc.nat(3), fc.integer({ min: 0, max: 300 }), (spec, seed, which, at) => {
        const e = fresh(build(spec).doc, seed);
        e.run({ untilMs: at });
        expect(e.replay(`c${which % spec.consumers.length}`, 0).ok).toBe(true);
        expect(e.run()).toBe('idle');
        expect(e.summary().conservation.ok).toBe(true);
        expect(e.summary().outcomes.inFlight).toBe(0);
      }),
      { numRuns: 60 },
    );
  });
});
