import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createScheduler } from './scheduler.js';

describe('scheduler', () => {
  test('pops tasks in (time, insertion) order whatever the push order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 400 }), (times) => {
        const s = createScheduler(2);
        times.forEach((t, i) => s.push(t, 1, i, 0));
        const expected = times.map((t, i) => [t, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        const out = { at: 0, kind: 0, arg: 0, gen: 0 };
        const got: (readonly [number, number])[] = [];
        while (s.size) {
          s.pop(out);
          got.push([out.at, out.arg]);
        }
        expect(got).toEqual(expected);
      }),
    );
  });

  test('interleaved pushes during pops keep the order', () => {
    const s = createScheduler(1);
    const out = { at: 0, kind: 0, arg: 0, gen: 0 };
    s.push(5, 1, 1, 0);
    s.push(1, 1, 2, 0);
    s.pop(out);
    expect(out.arg).toBe(2);
    s.push(5, 2, 3, 7);
    s.push(3, 1, 4, 0);
    const rest: number[] = [];
    while (s.size) {
      s.pop(out);
      rest.push(out.arg);
    }
    expect(rest).toEqual([4, 1, 3]);
  });
});
