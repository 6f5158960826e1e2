import { connect, type Channel } from 'amqplib';
import { ackCounter, BATCH, CONSUMERS, PARTITIONS, publishAll, type BareLoop } from './bare.js';

/**
 * AMQP by hand: a quorum queue per partition, persistent publications on a confirm channel, and two consumers on
 * each queue, each on its own channel with a prefetch of BATCH, acking every delivery as it arrives.
 */
export const bareRabbitmq: BareLoop = async ({ url, namespace, count, body }) => {
  const connection = await connect(url, { timeout: 2000 });
  connection.on('error', () => undefined);
  const publisher = await connection.createConfirmChannel();
  const queues = Array.from({ length: PARTITIONS }, (_, p) => `${namespace}.${p}`);
  const channels: Channel[] = [];
  try {
    for (const queue of queues)
      await publisher.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    const counter = ackCounter(count);
    for (let i = 0; i < CONSUMERS; i++)
      for (const queue of queues) {
        const channel = await connection.createChannel();
        channels.push(channel);
        await channel.prefetch(BATCH);
        await channel.consume(queue, (msg) => {
          if (!msg) return;
          channel.ack(msg);
          counter.acked();
        });
      }
    const content = Buffer.from(body);
    const t0 = performance.now();
    await publishAll(
      count,
      (p) =>
        new Promise<void>((resolve, reject) =>
          publisher.sendToQueue(queues[p]!, content, { persistent: true }, (error: unknown) =>
            error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
          ),
        ),
    );
    const t1 = await counter.done;
    return { ms: t1 - t0 };
  } finally {
    for (const channel of channels) await channel.close().catch(() => undefined);
    for (const queue of queues) await publisher.deleteQueue(queue).catch(() => undefined);
    await connection.close().catch(() => undefined);
  }
};
