import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseFlow, ReplayFile, type FlowDoc, type RecordedStep } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import type { Engine } from './api.js';
import { createEngine } from './engine.js';
import { applyAndRecord, playScript } from './script.js';

function example(id: string): FlowDoc {
  const r = parseFlow(JSON.parse(readFileSync(`examples/${id}.flow.json`, 'utf8')));
  if (!r.ok) throw new Error(id);
  return r.flow;
}

const traceOf = (e: Engine) => JSON.stringify(e.trace.read(1, e.trace.lastSeq()));

/** Shares a run as a file, then opens it: JSON text through the shared schema, as a download would go. */
function shareAndOpen(live: Engine, log: RecordedStep[]): Engine {
  const text = JSON.stringify({
    format: 'eventflow.replay',
    version: 1,
    flow: live.flow,
    seed: live.seed,
    script: { commands: log, end: live.position() },
    lastSeq: live.trace.lastSeq(),
  });
  const file = ReplayFile.parse(JSON.parse(text));
  const parsed = parseFlow(file.flow);
  if (!parsed.ok) throw new Error('the shared flow does not parse');
  const replayed = createEngine({ flow: parsed.flow, seed: file.seed });
  expect(playScript(replayed, file.script)).toEqual({ ok: true, value: null });
  expect(replayed.trace.lastSeq()).toBe(file.lastSeq);
  return replayed;
}

describe('a shared run replays byte for byte', () => {
  it('with live edits, hand-fired events and a group replay, paced, stepped and mid-instant', () => {
    const live = createEngine({ flow: example('retries-dead-letter'), seed: 18 });
    const log: RecordedStep[] = [];
    live.advanceTo(350);
    live.step(7); // stops between tasks due at one instant
    applyAndRecord(live, { op: 'fire', nodeId: 'billing', data: { customerId: 'c9', amount: 999 } }, log);
    live.step(3);
    applyAndRecord(
      live,
      { op: 'update', nodeId: 'charger', config: { maxAttempts: 10, failureRate: 0.2 } },
      log,
    );
    live.advanceTo(900.5);
    applyAndRecord(live, { op: 'fire', nodeId: 'billing' }, log);
    live.advanceTo(1800);
    applyAndRecord(live, { op: 'replay', nodeId: 'dlq-inspector', fromOffset: 0 }, log);
    live.step(1);
    applyAndRecord(live, { op: 'replay-time', nodeId: 'charger', fromTime: 500 }, log);
    // A refused command changes nothing and is not recorded.
    expect(
      applyAndRecord(live, { op: 'update', nodeId: 'charger', config: { maxAttempts: -1 } }, log).ok,
    ).toBe(false);
    live.advanceTo(2600);
    expect(log).toHaveLength(5);

    const replayed = shareAndOpen(live, log);
    expect(traceOf(replayed)).toBe(traceOf(live));
    expect(replayed.summary()).toEqual(live.summary());
    // And the runs go on alike from there.
    live.run();
    replayed.run();
    expect(traceOf(replayed)).toBe(traceOf(live));
  });

  it('with a topic taken down and brought back by hand mid-run, on top of its scheduled outage', () => {
    const live = createEngine({ flow: example('broker-outage'), seed: 3 });
    const log: RecordedStep[] = [];
    live.advanceTo(420);
    live.step(2); // on to the next orders, so the command lands between tasks of one instant
    const downAt = live.now();
    expect(applyAndRecord(live, { op: 'outage', nodeId: 'orders', down: true }, log).ok).toBe(true);
    live.advanceTo(800);
    applyAndRecord(live, { op: 'outage', nodeId: 'orders', down: false }, log);
    // The scheduled outage (1 s to 2.5 s) follows; bringing it back early by hand is recorded too.
    live.advanceTo(1700.5);
    applyAndRecord(live, { op: 'outage', nodeId: 'orders', down: false }, log);
    // Not a topic: refused, so not recorded.
    expect(applyAndRecord(live, { op: 'outage', nodeId: 'web', down: true }, log).ok).toBe(false);
    live.advanceTo(3000);
    expect(log.map((l) => [l.command.op, l.at.t])).toEqual([
      ['outage', downAt],
      ['outage', 800],
      ['outage', 1700.5],
    ]);
    const hops = live.trace.read(1, live.trace.lastSeq());
    const handMade = (h: { t: number }) => h.t >= downAt && h.t < 800;
    // The hand-made outage really changed the run: web orders lost, mobile ones held, in that window.
    expect(hops.some((h) => h.type === 'publish-failed' && handMade(h))).toBe(true);
    expect(hops.some((h) => h.type === 'buffered' && handMade(h))).toBe(true);

    const replayed = shareAndOpen(live, log);
    expect(traceOf(replayed)).toBe(traceOf(live));
    expect(replayed.summary()).toEqual(live.summary());
    live.run();
    replayed.run();
    expect(traceOf(replayed)).toBe(traceOf(live));
    // Without the outage commands the same flow and seed give another trace: the log is what reproduces it.
    const unrecorded = createEngine({ flow: example('broker-outage'), seed: 3 });
    unrecorded.run();
    expect(traceOf(unrecorded)).not.toBe(traceOf(live));
  });

  it('with a consumer taken down and brought back by hand mid-run, on top of its scheduled outages', () => {
    const live = createEngine({ flow: example('consumer-outage'), seed: 5 });
    const log: RecordedStep[] = [];
    live.advanceTo(250);
    live.step(3); // between tasks of one instant, so the position, not only the time, must be replayed
    const downAt = live.now();
    expect(applyAndRecord(live, { op: 'down', nodeId: 'billing', down: true, instance: 0 }, log).ok).toBe(
      true,
    );
    live.advanceTo(450);
    applyAndRecord(live, { op: 'down', nodeId: 'billing', down: false, instance: 0 }, log);
    live.advanceTo(1000);
    applyAndRecord(live, { op: 'down', nodeId: 'billing', down: true }, log);
    live.advanceTo(1200);
    applyAndRecord(live, { op: 'down', nodeId: 'billing', down: false }, log);
    // Not a consumer, or an instance it does not have: refused, so not recorded.
    expect(applyAndRecord(live, { op: 'down', nodeId: 'orders', down: true }, log).ok).toBe(false);
    expect(applyAndRecord(live, { op: 'down', nodeId: 'billing', down: true, instance: 7 }, log).ok).toBe(
      false,
    );
    expect(log.map((l) => [l.command.op, l.at.t])).toEqual([
      ['down', downAt],
      ['down', 450],
      ['down', 1000],
      ['down', 1200],
    ]);
    const hops = live.trace.read(1, live.trace.lastSeq());
    expect(hops.some((h) => h.type === 'instance-down' && h.t === downAt && h.instance === 0)).toBe(true);
    expect(hops.some((h) => h.type === 'rebalanced' && h.t === 1200)).toBe(true);

    const replayed = shareAndOpen(live, log);
    expect(traceOf(replayed)).toBe(traceOf(live));
    expect(replayed.summary()).toEqual(live.summary());
    live.run();
    replayed.run();
    expect(traceOf(replayed)).toBe(traceOf(live));
    const unrecorded = createEngine({ flow: example('consumer-outage'), seed: 5 });
    unrecorded.run();
    expect(traceOf(unrecorded)).not.toBe(traceOf(live));
  });

  it('refuses a script that is not of this flow and seed', () => {
    const engine = createEngine({ flow: example('fan-out'), seed: 11 });
    const script = {
      commands: [
        { at: { t: 10, tasks: 1, seq: 1 }, command: { op: 'fire' as const, nodeId: 'no-such-producer' } },
      ],
      end: { t: 20, tasks: 2, seq: 2 },
    };
    expect(playScript(engine, script)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^commands\[0\]/),
    });
    const late = createEngine({ flow: example('fan-out'), seed: 11 });
    expect(playScript(late, { commands: [], end: { t: 1, tasks: 1e9, seq: 0 } })).toMatchObject({
      ok: false,
    });
  });

  it('holds for any interleaving of pacing, stepping and commands (property)', () => {
    const flow = example('at-least-once-duplicates');
    type Op =
      | { kind: 'advance'; ms: number }
      | { kind: 'step'; n: number }
      | { kind: 'fire' }
      | { kind: 'update'; ackLossRate: number }
      | { kind: 'rewind'; fromOffset: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        kind: fc.constant('advance' as const),
        ms: fc.double({ min: 0.5, max: 400, noNaN: true }),
      }),
      fc.record({ kind: fc.constant('step' as const), n: fc.integer({ min: 1, max: 20 }) }),
      fc.record({ kind: fc.constant('fire' as const) }),
      fc.record({
        kind: fc.constant('update' as const),
        ackLossRate: fc.double({ min: 0, max: 0.9, noNaN: true }),
      }),
      fc.record({ kind: fc.constant('rewind' as const), fromOffset: fc.integer({ min: 0, max: 40 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), fc.integer({ min: 0, max: 1000 }), (ops, seed) => {
        const live = createEngine({ flow, seed });
        const log: RecordedStep[] = [];
        for (const o of ops) {
          if (o.kind === 'advance') live.advanceTo(live.now() + o.ms);
          else if (o.kind === 'step') live.step(o.n);
          else if (o.kind === 'fire') applyAndRecord(live, { op: 'fire', nodeId: 'orders' }, log);
          else if (o.kind === 'update')
            applyAndRecord(
              live,
              { op: 'update', nodeId: 'invoicer', config: { ackLossRate: o.ackLossRate } },
              log,
            );
          else applyAndRecord(live, { op: 'replay', nodeId: 'invoicer', fromOffset: o.fromOffset }, log);
        }
        expect(traceOf(shareAndOpen(live, log))).toBe(traceOf(live));
      }),
      { numRuns: 20 },
    );
  });
});
