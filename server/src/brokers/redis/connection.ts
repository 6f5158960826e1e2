import { Redis } from 'ioredis';
import { z } from 'zod';
import { safeUrl } from '../broker-url.js';
import { BrokerUnavailableError } from '../transport.js';

const RedisUrl = z
  .string()
  .url()
  .refine((u) => /^rediss?:\/\//.test(u), 'a redis:// or rediss:// URL');

function fixFor(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/NOAUTH|WRONGPASS|invalid password|Authentication required/i.test(message))
    return 'Redis refused authentication: give the password in the URL (redis://:password@host:port)';
  if (/ECONNREFUSED/i.test(message))
    return 'nothing listens there: start redis-server (e.g. `redis-server --port 6379`)';
  return `cannot reach Redis (${message}): check the host and port, and that redis-server is running`;
}

/**
 * One ioredis connection that fails fast: a bounded connect timeout, no reconnect loop and no offline queue, so a
 * down broker gives an error in about a second instead of a hang.
 */
export async function openRedis(url: string): Promise<Redis> {
  const parsed = RedisUrl.safeParse(url);
  if (!parsed.success) throw new BrokerUnavailableError('redis', url, 'use a redis://host:port URL');
  const redis = new Redis(parsed.data, {
    lazyConnect: true,
    connectTimeout: 1500,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // ioredis emits errors on the client too; they are reported through the rejected promises below.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new BrokerUnavailableError('redis', safeUrl(url), fixFor(error), error);
  }
  return redis;
}
