import { createTokenBucket, type TokenBucket } from './token-bucket.js';

/** One key per client machine: `::ffff:127.0.0.1` and `127.0.0.1` are the same peer. */
export const addressKey = (address: string | undefined): string =>
  (address ?? 'unknown').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

/** Token buckets by remote address, bounded in number: what every per-address limit keeps. */
export interface BucketMap {
  get(address: string): TokenBucket | undefined;
  /** The address's bucket, made full on first use. */
  of(address: string): TokenBucket;
  size(): number;
}

export function createBucketMap(
  limit: { burst: number; perSecond: number },
  now: () => number,
  maxAddresses = 10_000,
): BucketMap {
  const buckets = new Map<string, TokenBucket>();
  return {
    get: (address) => buckets.get(address),
    of(address) {
      let bucket = buckets.get(address);
      if (!bucket) {
        // Full buckets carry no state worth keeping: drop them first, then the oldest, to stay bounded.
        if (buckets.size >= maxAddresses) for (const [k, b] of buckets) if (b.isFull()) buckets.delete(k);
        if (buckets.size >= maxAddresses) buckets.delete(buckets.keys().next().value!);
        bucket = createTokenBucket(limit.burst, limit.perSecond, now);
        buckets.set(address, bucket);
      }
      return bucket;
    },
    size: () => buckets.size,
  };
}

/** A command budget per remote address, shared by all of its sockets (so opening more sockets gains nothing). */
export interface AddressBuckets {
  take(address: string): boolean;
  size(): number;
}

export function createAddressBuckets(
  limit: { burst: number; perSecond: number },
  now: () => number,
  maxAddresses = 10_000,
): AddressBuckets {
  const buckets = createBucketMap(limit, now, maxAddresses);
  return { take: (address) => buckets.of(address).take(), size: buckets.size };
}

/** Open connections per remote address, for the handshake cap. */
export interface ConnectionCounter {
  count(address: string): number;
  opened(address: string): void;
  closed(address: string): void;
}

export function createConnectionCounter(): ConnectionCounter {
  const open = new Map<string, number>();
  return {
    count: (address) => open.get(address) ?? 0,
    opened: (address) => open.set(address, (open.get(address) ?? 0) + 1),
    closed(address) {
      const n = (open.get(address) ?? 0) - 1;
      if (n > 0) open.set(address, n);
      else open.delete(address);
    },
  };
}
