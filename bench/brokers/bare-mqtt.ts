import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { CLIENT_HOLDS_AT_MOST } from '../../server/src/brokers/mqtt/mosquitto-limits.js';
import { TurnCork } from '../../server/src/brokers/mqtt/turn-cork.js';
import { ackCounter, CONSUMERS, PARTITIONS, publishAll, type BareLoop } from './bare.js';

const BASE: IClientOptions = { protocolVersion: 5, connectTimeout: 2000, reconnectPeriod: 0, clean: true };
/**
 * Messages published whose consumer's PUBACK has not left yet, at most. Mosquitto drops a QoS 1 message for a
 * client that already holds CLIENT_HOLDS_AT_MOST (1020) unacknowledged, and a publication's PUBACK comes when the
 * broker has it, not when a consumer does: so the loop must bound what its consumers have not settled. A message
 * counts as settled only once its PUBACK is written (TurnCork's flush), not when the handler runs: the PUBACKs
 * of a turn stay corked till its end, one turn settles hundreds (Mosquitto 2.0.11 over-fills in-flight lists),
 * and the publications that handler freed room for are written within the same turn, ahead of them. Counting
 * at the handler let one consumer's queue reach 999 + a turn's worth and Mosquitto dropped 84 of 10,000. Every
 * message may go to one consumer, so the bound is on the sum; half a client's limit leaves the other half for
 * PUBACKs written but not yet read by Mosquitto.
 */
export const UNCONSUMED = Math.floor(CLIENT_HOLDS_AT_MOST / 2);

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
          counter.acked();
        },
      });
      corks.cork = new TurnCork(consumer, (settled) => {
        consumed += settled;
        for (const wake of waiting.splice(0, settled)) wake();
      });
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
