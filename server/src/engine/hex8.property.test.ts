import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hex8, spanIdOf, traceIdOf } from './random.js';

/** What hex8 replaced: the radix conversion every trace and span id used to be written with. */
const radix = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

// Trace and span ids are in every trace, so the byte table must write exactly what the radix conversion wrote,
// for every 32-bit value, signed or not (mix32(…) | 1 is a signed int).
describe('hex8', () => {
  test('equals toString(16) padded to 8 digits for any 32-bit value', () => {
    for (const n of [0, 1, 15, 16, 255, 256, 0x7fffffff, 0x80000000, 0xffffffff, -1, -0x80000000])
      expect(hex8(n)).toBe(radix(n));
    fc.assert(
      fc.property(fc.integer({ min: -0x80000000, max: 0xffffffff }), (n) => {
        expect(hex8(n)).toBe(radix(n));
      }),
      { numRuns: 5000 },
    );
  });

  test('trace and span ids keep their shape: 32 and 16 lowercase hex digits', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (seed, index) => {
        expect(traceIdOf(seed >>> 0, index)).toMatch(/^[0-9a-f]{32}$/);
        expect(spanIdOf(seed >>> 0, index)).toMatch(/^[0-9a-f]{16}$/);
      }),
    );
  });
});
