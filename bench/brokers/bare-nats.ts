import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ackCounter, BATCH, CONSUMERS, PARTITIONS, publishAll, type BareLoop } from './bare.js';

/**
 * JetStream by hand: one stream with a subject per partition, a durable pull consumer per partition with explicit
 * acks, consumed by two instances each (as the transport does), every message acked as it arrives.
 */
export const bareNats: BareLoop = async ({ url, namespace, count, body }) => {
  const nc = await connect({
    servers: url.replace(/^nats:\/\//, ''),
    timeout: 2000,
    maxReconnectAttempts: 0,
  });
  const jsm = await jetstreamManager(nc, { timeout: 2000 });
  // Stream and consumer names allow no dots.
  const stream = namespace.replace(/[^A-Za-z0-9_-]/g, '_');
  const subjects = Array.from({ length: PARTITIONS }, (_, p) => `${namespace}.${p}`);
  const stops: (() => void)[] = [];
  try {
    await jsm.streams.add({ name: stream, subjects });
    for (let p = 0; p < PARTITIONS; p++)
      await jsm.consumers.add(stream, {
        durable_name: `bench_${p}`,
        ack_policy: AckPolicy.Explicit,
        filter_subject: subjects[p],
      });
    const js = jetstream(nc);
    const counter = ackCounter(count);
    for (let i = 0; i < CONSUMERS; i++)
      for (let p = 0; p < PARTITIONS; p++) {
        const messages = await (
          await js.consumers.get(stream, `bench_${p}`)
        ).consume({ max_messages: BATCH });
        stops.push(() => void messages.stop());
        void (async () => {
          for await (const m of messages) {
            m.ack();
            counter.acked();
          }
        })().catch(counter.fail);
      }
    const t0 = performance.now();
    await publishAll(count, (p) => js.publish(subjects[p]!, body));
    const t1 = await counter.done;
    // The acks above are fire-and-forget: flushing makes sure the server has them before the stream goes.
    await nc.flush();
    return { ms: t1 - t0 };
  } finally {
    for (const stop of stops) stop();
    await jsm.streams.delete(stream).catch(() => undefined);
    await nc.drain();
  }
};
