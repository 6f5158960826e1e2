import { describe, expect, it } from 'vitest';
import { createJoinLimiter } from './join-limiter.js';

describe('join limiter', () => {
  it('holds an address to its burst of failures, then to the refill rate; others are unaffected', () => {
    let now = 0;
    const limiter = createJoinLimiter({ burst: 3, perSecond: 1 }, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.mayTry('a')).toBe(true);
      limiter.failed('a');
    }
    expect(limiter.mayTry('a')).toBe(false);
    expect(limiter.mayTry('b')).toBe(true);
    now = 999;
    expect(limiter.mayTry('a')).toBe(false);
    now = 1000;
    expect(limiter.mayTry('a')).toBe(true);
    limiter.failed('a');
    expect(limiter.mayTry('a')).toBe(false);
  });

  it('stays bounded in addresses, dropping refilled ones first', () => {
    let now = 0;
    const limiter = createJoinLimiter({ burst: 1, perSecond: 1 }, () => now, 2);
    limiter.failed('a');
    now = 5000;
    limiter.failed('b');
    limiter.failed('c');
    expect(limiter.size()).toBe(2);
    expect(limiter.mayTry('a')).toBe(true);
    expect(limiter.mayTry('b')).toBe(false);
  });
});
