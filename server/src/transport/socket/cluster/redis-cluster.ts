import { createAdapter } from '@socket.io/redis-adapter';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import type { ClusterAdapter } from './forwarding.js';

export interface RedisCluster {
  adapter: ClusterAdapter;
  close(): Promise<void>;
}

/**
 * The socket.io Redis adapter on two connections (publishing, and one in subscriber mode, as it needs).
 * Rejects when Redis cannot be reached, so a misconfigured server stops at start rather than running alone.
 */
export async function connectRedisCluster(opts: {
  url: string;
  keyPrefix: string;
  log?: Logger;
}): Promise<RedisCluster> {
  let started = false;
  // Until both connections are up a failure is final (connect rejects); afterwards they retry, capped at 2 s.
  const reconnectStrategy = (retries: number, cause: Error) =>
    started ? Math.min(retries * 200, 2000) : cause;
  const pub = createClient({ url: opts.url, socket: { reconnectStrategy } });
  const sub = pub.duplicate();
  for (const client of [pub, sub])
    client.on('error', (err: unknown) => started && opts.log?.error({ err }, 'redis'));
  await Promise.all([pub.connect(), sub.connect()]);
  started = true;
  return {
    // The request timeout bounds how long a command forwarded to the other processes waits for their answers.
    adapter: createAdapter(pub, sub, {
      key: opts.keyPrefix,
      publishOnSpecificResponseChannel: true,
      requestsTimeout: 5000,
    }),
    async close() {
      await Promise.allSettled([pub.close(), sub.close()]);
    },
  };
}
