import { describe, expect, test } from 'vitest';
import { formatDuration, formatSimTime } from './format';

// The scale itself is tested where it lives (shared/src/trace/time-format.test.ts); this pins the client's
// choice of reading per name, which is what the views depend on.
describe('client time formatting', () => {
  test('a simulated time reads like a clock: truncated, never ahead', () => {
    expect(formatSimTime(2997.2618010000006)).toBe('2,997 ms');
    expect(formatSimTime(2997.9)).toBe('2,997 ms');
    expect(formatSimTime(0)).toBe('0 ms');
    expect(formatSimTime(185_999)).toBe('3 min 05 s');
  });

  test('a duration rounds to the nearest reading', () => {
    expect(formatDuration(2997.9)).toBe('2,998 ms');
    expect(formatDuration(0.25)).toBe('250 µs');
    expect(formatDuration(2.5)).toBe('2.5 ms');
    expect(formatDuration(12_449)).toBe('12.4 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });

  test('what is not a time is not shown as one', () => {
    expect(formatSimTime(Number.NaN)).toBe('–');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('–');
    expect(formatDuration(-2.5)).toBe('-2.5 ms');
  });
});
