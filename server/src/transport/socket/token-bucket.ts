/** Command budget: `burst` commands at once, refilled at `perSecond`. Time is injected (ms). */
export interface TokenBucket {
  take(): boolean;
  /** True when `take()` would succeed now; takes nothing. */
  ready(): boolean;
  /** True once it has refilled to `burst`: forgetting it then changes nothing. */
  isFull(): boolean;
}

export function createTokenBucket(burst: number, perSecond: number, now: () => number): TokenBucket {
  let tokens = burst;
  let last = now();
  const refill = () => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * perSecond);
    last = t;
  };
  return {
    take() {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    ready() {
      refill();
      return tokens >= 1;
    },
    isFull() {
      refill();
      return tokens >= burst;
    },
  };
}
