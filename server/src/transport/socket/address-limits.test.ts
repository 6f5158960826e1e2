import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressKey, createAddressBuckets, createConnectionCounter } from './address-limits.js';

describe('per-address limits', () => {
  it('keys IPv4-mapped IPv6 addresses as the IPv4 peer', () => {
    expect(addressKey('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(addressKey('::1')).toBe('::1');
    expect(addressKey('10.0.0.7')).toBe('10.0.0.7');
    expect(addressKey(undefined)).toBe('unknown');
  });

  it('shares one budget per address, separate from other addresses', () => {
    let now = 0;
    const buckets = createAddressBuckets({ burst: 5, perSecond: 10 }, () => now);
    const admitted = (address: string, n: number) =>
      Array.from({ length: n }, () => buckets.take(address)).filter(Boolean).length;
    expect(admitted('10.0.0.1', 20)).toBe(5);
    expect(admitted('10.0.0.2', 20)).toBe(5);
    now = 300;
    expect(admitted('10.0.0.1', 20)).toBe(3);
  });

  it('never admits more than burst + rate × elapsed, however the commands are spread over time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 100 }),
        fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 300 }),
        (burst, perSecond, gaps) => {
          let now = 0;
          const buckets = createAddressBuckets({ burst, perSecond }, () => now);
          let admitted = 0;
          for (const gap of gaps) {
            now += gap;
            if (buckets.take('a')) admitted += 1;
          }
          expect(admitted).toBeLessThanOrEqual(burst + Math.floor((perSecond * now) / 1000));
        },
      ),
    );
  });

  it('stays bounded in addresses, forgetting refilled buckets first', () => {
    let now = 0;
    const buckets = createAddressBuckets({ burst: 2, perSecond: 1 }, () => now, 3);
    buckets.take('a');
    buckets.take('a');
    now = 10_000;
    buckets.take('b');
    buckets.take('c');
    buckets.take('d');
    expect(buckets.size()).toBeLessThanOrEqual(3);
    // 'b', 'c' and 'd' each spent a token and were kept; 'a' had refilled and was the one forgotten.
    expect([buckets.take('b'), buckets.take('b')]).toEqual([true, false]);
  });

  it('counts open connections per address', () => {
    const counter = createConnectionCounter();
    counter.opened('a');
    counter.opened('a');
    counter.opened('b');
    counter.closed('a');
    expect([counter.count('a'), counter.count('b'), counter.count('c')]).toEqual([1, 1, 0]);
    counter.closed('a');
    counter.closed('a');
    expect(counter.count('a')).toBe(0);
  });
});
