import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatSimClock, formatSimDuration, NO_TIME } from './time-format.js';

/** Reads a formatted time back into ms, the way a person would; throws on anything it does not recognise. */
function parseReading(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const body = sign < 0 ? text.slice(1) : text;
  const num = (s: string) => Number(s.replace(/,/g, ''));
  const patterns: [RegExp, (m: RegExpExecArray) => number][] = [
    [/^(\d[\d,]*) µs$/, (m) => num(m[1]!) / 1000],
    [/^(\d[\d,]*(?:\.\d+)?) ms$/, (m) => num(m[1]!)],
    [/^(\d+\.\d) s$/, (m) => num(m[1]!) * 1000],
    [/^(\d+) min (\d\d) s$/, (m) => num(m[1]!) * 60_000 + num(m[2]!) * 1000],
    [/^(\d[\d,]*) h (\d\d) min$/, (m) => num(m[1]!) * 3_600_000 + num(m[2]!) * 60_000],
  ];
  for (const [re, read] of patterns) {
    const m = re.exec(body);
    if (m) return sign * read(m);
  }
  throw new Error(`not a reading: ${JSON.stringify(text)}`);
}

/** The size of the last digit of a reading, in ms: how far from the true value it may be. */
function resolution(ms: number): number {
  const m = Math.abs(ms);
  if (m < 10) return 0.001;
  if (m < 10_000) return 1;
  if (m < 60_000) return 100;
  if (m < 3_600_000) return 1000;
  return 60_000;
}

const times = fc.oneof(
  fc.double({ min: -1e9, max: 1e10, noNaN: true }),
  fc.double({ min: 0, max: 20, noNaN: true }),
  fc.integer({ min: 0, max: 10_000_000 }),
);

describe('formatSimClock and formatSimDuration', () => {
  test.each([
    [0, '0 ms'],
    [0.25, '250 µs'],
    [0.0005, '1 µs'],
    [2.5, '2.5 ms'],
    [1.005, '1.005 ms'],
    [7.12345, '7.123 ms'],
    [2997.2618010000006, '2,997 ms'],
    [12_400, '12.4 s'],
    [185_000, '3 min 05 s'],
    [3_720_000, '1 h 02 min'],
    [100 * 3_600_000, '100 h 00 min'],
    [-2.5, '-2.5 ms'],
  ])('duration %s ms reads %s', (ms, text) => {
    expect(formatSimDuration(ms)).toBe(text);
  });

  test('a clock truncates where a duration rounds', () => {
    expect(formatSimClock(2997.9)).toBe('2,997 ms');
    expect(formatSimDuration(2997.9)).toBe('2,998 ms');
    expect(formatSimClock(59_960)).toBe('59.9 s');
    expect(formatSimDuration(59_960)).toBe('1 min 00 s');
    expect(formatSimClock(0.0004)).toBe('0 ms');
    expect(formatSimClock(1.005)).toBe('1.005 ms');
  });

  test('a rounded reading that reaches the next step is written in that step', () => {
    expect(formatSimDuration(0.9996)).toBe('1 ms');
    expect(formatSimDuration(9.9996)).toBe('10 ms');
    expect(formatSimDuration(9_999.6)).toBe('10.0 s');
    expect(formatSimDuration(3_599_600)).toBe('1 h 00 min');
  });

  test('NaN and infinities are not shown as numbers; a negative zero reads 0 ms', () => {
    for (const f of [formatSimClock, formatSimDuration]) {
      expect(f(Number.NaN)).toBe(NO_TIME);
      expect(f(Number.POSITIVE_INFINITY)).toBe(NO_TIME);
      expect(f(Number.NEGATIVE_INFINITY)).toBe(NO_TIME);
      expect(f(-0)).toBe('0 ms');
      expect(f(-0.0001)).toBe('0 ms');
    }
  });

  test('no reading has more than three digits after a decimal point, and every one parses back', () => {
    fc.assert(
      fc.property(times, (ms) => {
        for (const text of [formatSimClock(ms), formatSimDuration(ms)]) {
          expect(text).not.toMatch(/\.\d{4}/);
          expect(Number.isFinite(parseReading(text))).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('readings are monotone: a larger time never reads smaller', () => {
    fc.assert(
      fc.property(times, times, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(parseReading(formatSimClock(lo))).toBeLessThanOrEqual(parseReading(formatSimClock(hi)));
        expect(parseReading(formatSimDuration(lo))).toBeLessThanOrEqual(parseReading(formatSimDuration(hi)));
      }),
      { numRuns: 2000 },
    );
  });

  test('a clock reading is never ahead of the time and at most one last digit behind; a duration is within half', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e10, noNaN: true }), (ms) => {
        const clock = parseReading(formatSimClock(ms));
        // The snap to a millionth of the unit (see time-format.ts) may put a clock a hair ahead.
        const tolerance = 1e-6 * resolution(ms) + 1e-9 * ms;
        expect(clock).toBeLessThanOrEqual(ms + tolerance);
        expect(ms - clock).toBeLessThanOrEqual(resolution(ms) + tolerance);
        const duration = parseReading(formatSimDuration(ms));
        expect(Math.abs(duration - ms)).toBeLessThanOrEqual(resolution(ms) / 2 + tolerance);
      }),
      { numRuns: 2000 },
    );
  });
});
