/** Per-socket command budget: `burst` commands at once, refilled at `perSecond`. Time is injected (ms). */
export interface TokenBucket {
  take(): boolean;
}

export function createTokenBucket(burst: number, perSecond: number, now: () => number): TokenBucket {
  let tokens = burst;
  let last = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * perSecond);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
