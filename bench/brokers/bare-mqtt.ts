import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { TurnCork } from '../../server/src/brokers/mqtt/turn-cork.js';
import { UnsettledBound } from '../../server/src/brokers/mqtt/unsettled-bound.js';
import { ackCounter, CONSUMERS, PARTITIONS, publishAll, type BareLoop } from './bare.js';

const BASE: IClientOptions = { protocolVersion: 5, connectTimeout: 2000, reconnectPeriod: 0, clean: true };

/**
 * MQTT 5 by hand: QoS 1 publications to a topic per partition, and two consumers sharing them through a
 * `$share/bench/…` subscription, each sending its PUBACK by hand (`customHandleAcks`) at once, as the transport
 * does, and as it does with the PUBACKs of one event-loop turn in one socket write (`TurnCork`): a client trick
 * given to Eventflow only would raise the ratio without the runtime doing any less. Clean sessions and no
 * retained messages: nothing stays on the broker once the clients end.
 */
export const bareMqtt: BareLoop = async ({ url, namespace, count, body }) => {
  const topics = Array.from({ length: PARTITIONS }, (_, p) => `${namespace}/${p}`);
  const counter = ackCounter(count);
  const clients: MqttClient[] = [];
  // A publication's PUBACK comes when Mosquitto has it, not when a consumer does: without a bound on what the
  // consumers have not settled, Mosquitto drops what overflows one of them (84 of 10,000 once, when the loop
  // counted a message settled as its handler ran, before its corked PUBACK had left).
  const bound = new UnsettledBound(CONSUMERS);
  try {
    for (let i = 0; i < CONSUMERS; i++) {
      const corks: { cork?: TurnCork } = {};
      const consumer = await connectAsync(url, {
        ...BASE,
        customHandleAcks: (_topic, _payload, _packet, done) => {
          bound.onDelivered(i);
          corks.cork?.hold();
          done(0);
          counter.acked();
        },
      });
      corks.cork = new TurnCork(consumer, (settled) => bound.onFlushed(i, settled));
      clients.push(consumer);
      await consumer.subscribeAsync(
        topics.map((t) => `$share/bench/${t}`),
        { qos: 1 },
      );
    }
    const publisher = await connectAsync(url, BASE);
    clients.push(publisher);
    const payload = Buffer.from(body);
    const t0 = performance.now();
    await publishAll(count, async (p) => {
      const room = bound.publish();
      if (room) await room;
      return publisher.publishAsync(topics[p]!, payload, { qos: 1 });
    });
    const t1 = await counter.done;
    return { ms: t1 - t0 };
  } finally {
    await Promise.all(clients.map((c) => c.endAsync().catch(() => c.end(true))));
  }
};
