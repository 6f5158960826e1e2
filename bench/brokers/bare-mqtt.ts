import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { TurnCork } from '../../server/src/brokers/mqtt/turn-cork.js';
import { ackCounter, CONSUMERS, PARTITIONS, publishAll, type BareLoop } from './bare.js';

const BASE: IClientOptions = { protocolVersion: 5, connectTimeout: 2000, reconnectPeriod: 0, clean: true };
/**
 * Messages published and not yet consumed, at most. Mosquitto queues at most 1000 QoS 1 messages per client by
 * default (`max_queued_messages`) and drops the rest, and a publication's PUBACK comes when the broker has it, not
 * when a consumer does: so a loop that only bounds its unanswered publications loses messages once its consumers
 * fall behind (at 10,000 messages on a loaded machine they did). Half the limit per consumer, with margin.
 */
const UNCONSUMED = 1000;

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
  let sent = 0;
  let consumed = 0;
  const waiting: (() => void)[] = [];
  try {
    for (let i = 0; i < CONSUMERS; i++) {
      const corks: { cork?: TurnCork } = {};
      const consumer = await connectAsync(url, {
        ...BASE,
        customHandleAcks: (_topic, _payload, _packet, done) => {
          corks.cork?.hold();
          done(0);
          consumed++;
          waiting.shift()?.();
          counter.acked();
        },
      });
      corks.cork = new TurnCork(consumer);
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
      while (sent - consumed >= UNCONSUMED) await new Promise<void>((wake) => waiting.push(wake));
      sent++;
      return publisher.publishAsync(topics[p]!, payload, { qos: 1 });
    });
    const t1 = await counter.done;
    return { ms: t1 - t0 };
  } finally {
    await Promise.all(clients.map((c) => c.endAsync().catch(() => c.end(true))));
  }
};
