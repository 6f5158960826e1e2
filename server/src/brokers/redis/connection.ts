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
  if (/WRONGPASS|invalid password|invalid username-password/i.test(message))
    return 'Redis refused the password in the URL: check it (redis://:password@host:port, or redis://user:password@host:port with ACL users)';
  if (/NOAUTH|Authentication required/i.test(message))
    return 'Redis needs a password: give it in the URL (redis://:password@host:port)';
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
  // ioredis emits the socket's own error (ECONNREFUSED, an AUTH reply) here, and rejects connect() only with
  // "Connection is closed.": the first one says what is wrong.
  let first: unknown;
  redis.on('error', (error: unknown) => (first ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new BrokerUnavailableError('redis', safeUrl(url), fixFor(first ?? error), first ?? error);
  }
  return redis;
}
