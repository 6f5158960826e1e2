import { createBucketMap } from '../transport/socket/address-limits.js';

/**
 * Failed join attempts per remote address. Only failures spend the budget: a room of people behind one
 * NAT all joining with the right code costs nothing, while someone guessing codes is almost always wrong and
 * is held to `perSecond` guesses once the burst is gone (see decision 0012 for the arithmetic).
 */
export interface JoinLimiter {
  /** True when this address may try now (it has budget left for one more failure). */
  mayTry(address: string): boolean;
  /** Spends one attempt of the address's budget. */
  failed(address: string): void;
  size(): number;
}

export function createJoinLimiter(
  limit: { burst: number; perSecond: number },
  now: () => number,
  maxAddresses = 10_000,
): JoinLimiter {
  const buckets = createBucketMap(limit, now, maxAddresses);
  return {
    mayTry: (address) => buckets.get(address)?.ready() ?? true,
    failed: (address) => void buckets.of(address).take(),
    size: buckets.size,
  };
}
