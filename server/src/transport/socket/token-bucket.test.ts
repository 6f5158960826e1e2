import { describe, expect, it } from 'vitest';
import { createTokenBucket } from './token-bucket.js';

describe('token bucket', () => {
  it('allows a burst, refuses beyond it, and refills with time', () => {
    let now = 0;
    const bucket = createTokenBucket(3, 2, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now = 499;
    expect(bucket.take()).toBe(false);
    now = 500;
    expect(bucket.take()).toBe(true);
    now = 100_000;
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });

  it('says whether a take would succeed without taking', () => {
    let now = 0;
    const bucket = createTokenBucket(1, 1, () => now);
    expect([bucket.ready(), bucket.ready(), bucket.take(), bucket.ready()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    now = 1000;
    expect(bucket.ready()).toBe(true);
  });
});
