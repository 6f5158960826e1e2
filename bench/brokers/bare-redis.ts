import { Redis } from 'ioredis';
import { Coalescer } from '../../server/src/brokers/redis/coalesce.js';
import { ReadGroupReply } from '../../server/src/brokers/redis/replies.js';
import { ackCounter, BATCH, CONSUMERS, PARTITIONS, publishAll, type BareLoop } from './bare.js';

const GROUP = 'bench';

/**
 * Redis Streams by hand: XADD to a stream per partition, XREADGROUP in one group by two consumers, XACK each. The
 * commands go out as the transport sends them (coalesce.ts): what one stretch of work issues in one socket write,
 * the acks of a read batch in one multi-id XACK, so both sides ask the same of Redis per message.
 */
export const bareRedis: BareLoop = async ({ url, namespace, count, body }) => {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1500, retryStrategy: () => null });
  redis.on('error', () => undefined);
  await redis.connect();
  const out = new Coalescer(redis);
  const keys = Array.from({ length: PARTITIONS }, (_, p) => `${namespace}:${p}`);
  const readers: Redis[] = [];
  let stopped = false;
  try {
    for (const key of keys) await redis.xgroup('CREATE', key, GROUP, '0', 'MKSTREAM');
    const counter = ackCounter(count);
    const payload = Buffer.from(body);
    const loops: Promise<void>[] = [];
    // A blocking read holds its connection, so each consumer reads each partition on its own connection (as the
    // transport does); acks go on the shared one.
    for (let i = 0; i < CONSUMERS; i++)
      for (const key of keys) {
        const reader = redis.duplicate();
        reader.on('error', () => undefined);
        await reader.connect();
        readers.push(reader);
        loops.push(
          (async () => {
            while (!stopped) {
              const raw: unknown = await reader
                .callBuffer(
                  'XREADGROUP',
                  'GROUP',
                  GROUP,
                  `c${i}`,
                  'COUNT',
                  BATCH,
                  'BLOCK',
                  100,
                  'STREAMS',
                  key,
                  '>',
                )
                .catch(() => null);
              // Parsed as the transport parses it, so both sides pay the same for reading a reply.
              for (const [, entries] of ReadGroupReply.parse(raw) ?? [])
                for (const [id] of entries)
                  void out.ack(key, GROUP, id.toString()).then(counter.acked, counter.fail);
            }
          })().catch(counter.fail),
        );
      }
    const t0 = performance.now();
    await publishAll(count, (p) => {
      out.hold();
      return redis.xadd(keys[p]!, '*', 'body', payload);
    });
    const t1 = await counter.done;
    stopped = true;
    for (const reader of readers) reader.disconnect();
    await Promise.all(loops);
    return { ms: t1 - t0 };
  } finally {
    stopped = true;
    for (const reader of readers) reader.disconnect();
    await redis.del(...keys);
    await redis.quit();
  }
};
