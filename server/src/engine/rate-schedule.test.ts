import { parseFlow, ratePoints, rateAt } from '@eventflow/shared';
import { describe, expect, test } from 'vitest';
import { ofType, runFlow, simpleFlow } from './test-helpers.js';

const producedAt = (hops: ReturnType<typeof runFlow>['hops']) => ofType(hops, 'produced').map((h) => h.t);

describe('producer rate schedules', () => {
  test('steps: the base rate until the first step, then each step’s rate; fixed arrival restarts at each step', () => {
    const { hops } = runFlow(
      simpleFlow({
        rate: 2,
        schedule: {
          type: 'steps',
          steps: [
            { at: 1000, rate: 10 },
            { at: 1500, rate: 0 },
            { at: 3000, rate: 1 },
          ],
        },
      }),
      1,
      { untilMs: 4500 },
    );
    expect(producedAt(hops)).toEqual([0, 500, 1000, 1100, 1200, 1300, 1400, 3000, 4000]);
  });

  test('a spike raises the rate for its window only, then the base rate resumes', () => {
    const { hops } = runFlow(
      simpleFlow({ rate: 1, schedule: { type: 'spike', at: 2000, for: 500, rate: 4 } }),
      1,
      { untilMs: 4000 },
    );
    expect(producedAt(hops)).toEqual([0, 1000, 2000, 2250, 2500, 3500]);
  });

  test('poisson arrival honours the schedule: no events while the rate is 0, many in the spike', () => {
    const { hops } = runFlow(
      simpleFlow({
        rate: 0,
        arrival: 'poisson',
        schedule: { type: 'spike', at: 1000, for: 1000, rate: 200 },
      }),
      5,
      { untilMs: 5000 },
    );
    const times = producedAt(hops);
    expect(times.every((t) => t >= 1000 && t < 2000)).toBe(true);
    expect(times.length).toBeGreaterThan(150);
    expect(times.length).toBeLessThan(250);
  });

  test('count still stops a scheduled producer', () => {
    const { hops, stop } = runFlow(
      simpleFlow({ rate: 1, count: 3, schedule: { type: 'steps', steps: [{ at: 100, rate: 100 }] } }),
    );
    expect(stop).toBe('idle');
    expect(producedAt(hops)).toEqual([0, 100, 110]);
  });

  test('the same flow and seed give the same scheduled trace', () => {
    const doc = simpleFlow({
      rate: 5,
      arrival: 'poisson',
      schedule: { type: 'spike', at: 300, for: 300, rate: 80 },
    });
    expect(JSON.stringify(runFlow(doc, 9, { untilMs: 2000 }).hops)).toBe(
      JSON.stringify(runFlow(doc, 9, { untilMs: 2000 }).hops),
    );
  });

  test('rateAt and ratePoints read the schedule as a step chart', () => {
    const spike = { type: 'spike', at: 100, for: 50, rate: 9 } as const;
    expect([rateAt(1, spike, 99), rateAt(1, spike, 100), rateAt(1, spike, 150)]).toEqual([1, 9, 1]);
    expect(ratePoints(1, spike, 1000)).toEqual([
      [0, 1],
      [100, 9],
      [150, 1],
    ]);
  });

  test('bad schedules are refused with the path and the problem', () => {
    const r = parseFlow({
      format: 'eventflow.flow',
      version: 1,
      name: 'x',
      nodes: [
        {
          id: 'p',
          kind: 'producer',
          config: {
            eventType: 'A',
            schedule: {
              type: 'steps',
              steps: [
                { at: 500, rate: 1 },
                { at: 200, rate: -2 },
              ],
            },
          },
        },
      ],
      edges: [],
    });
    expect(r.ok).toBe(false);
    const messages = r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
    expect(messages).toContain('nodes[0].config.schedule.steps[1].rate: must be ≥ 0');
    expect(messages).toContain(
      "nodes[0].config.schedule.steps[1].at: must be after the previous step's at (500 ms)",
    );
  });
});
