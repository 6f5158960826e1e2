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
  const pub = createClient({ url: opts.url, socket: { reconnectStrategy: (n) => Math.min(n * 200, 2000) } });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) client.on('error', (err: unknown) => opts.log?.error({ err }, 'redis'));
  await Promise.all([pub.connect(), sub.connect()]);
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
