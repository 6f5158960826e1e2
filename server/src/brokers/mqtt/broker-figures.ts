import type { MqttClient } from 'mqtt';

/**
 * Mosquitto's own counters under `$SYS/broker/…`. They cover the whole broker, not only this run, and Mosquitto
 * refreshes them every `sys_interval` (10 s by default). They are published retained, yet Mosquitto 2.0 does not
 * always hand the retained value to a new subscription, so the publisher subscribes once at connect and keeps the
 * latest value of each: a figure may lag the run by up to sys_interval, or be absent until the first refresh.
 */
const SYS_TOPICS = [
  '$SYS/broker/messages/received',
  '$SYS/broker/messages/sent',
  '$SYS/broker/publish/messages/received',
  '$SYS/broker/publish/messages/sent',
  '$SYS/broker/publish/messages/dropped',
  '$SYS/broker/clients/connected',
  '$SYS/broker/store/messages/count',
] as const;

const PREFIX = '$SYS/broker/';

export class BrokerFigures {
  private readonly latest = new Map<string, number>();

  private constructor(private readonly client: MqttClient) {}

  /** Start following the counters on this client (QoS 0: a missed refresh is replaced by the next one). */
  static async follow(client: MqttClient): Promise<BrokerFigures> {
    const figures = new BrokerFigures(client);
    const wanted = new Set<string>(SYS_TOPICS);
    client.on('message', (topic: string, payload: Buffer) => {
      if (!wanted.has(topic)) return;
      const value = Number(payload.toString());
      if (Number.isFinite(value)) figures.latest.set(topic, value);
    });
    await client.subscribeAsync([...SYS_TOPICS], { qos: 0 });
    return figures;
  }

  /** `broker.<path after $SYS/broker/, dotted>` → latest value, e.g. `broker.publish.messages.received`. */
  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [topic, value] of this.latest) {
      out[`broker.${topic.slice(PREFIX.length).replace(/\//g, '.')}`] = value;
    }
    return out;
  }

  async stop(): Promise<void> {
    if (this.client.connected) await this.client.unsubscribeAsync([...SYS_TOPICS]).catch(() => undefined);
  }
}
