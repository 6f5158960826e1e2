import { z } from 'zod';
import type { DeliveryGuarantee } from '../../kinds/consumer/index.js';
import type { AsyncApiServer, Bindings } from './document.js';

/** The brokers an export can name as its server; absent means a document with no `servers`. */
export const AsyncApiBroker = z.enum(['kafka', 'amqp', 'mqtt', 'nats']);
export type AsyncApiBroker = z.infer<typeof AsyncApiBroker>;

/** Each broker's usual local address: a placeholder the reader edits, as the flow names no hosts. */
const SERVERS: Readonly<Record<AsyncApiBroker, AsyncApiServer>> = {
  kafka: { host: 'localhost:9092', protocol: 'kafka' },
  amqp: { host: 'localhost:5672', protocol: 'amqp' },
  mqtt: { host: 'localhost:1883', protocol: 'mqtt' },
  nats: { host: 'localhost:4222', protocol: 'nats' },
};

export const serverFor = (broker: AsyncApiBroker, host?: string): AsyncApiServer => ({
  ...SERVERS[broker],
  ...(host ? { host } : {}),
  description: 'Placeholder address: Eventflow flows name no hosts.',
});

/** What the bindings are built from: the topic's partitions, the reader's group and delivery guarantee. */
export interface ChannelFacts {
  address: string;
  partitions: number;
}
export interface ReceiveFacts {
  group: string;
  delivery?: DeliveryGuarantee;
}

// Kafka's is the default: partitions and consumer groups are the flow's own model.
const brokerOrKafka = (b: AsyncApiBroker | undefined): AsyncApiBroker => b ?? 'kafka';

/** Channel bindings: Kafka partitions, or the AMQP topic exchange a topic becomes; MQTT and NATS have none. */
export function channelBindings(broker: AsyncApiBroker | undefined, c: ChannelFacts): Bindings | undefined {
  switch (brokerOrKafka(broker)) {
    case 'kafka':
      return { kafka: { partitions: c.partitions, bindingVersion: '0.5.0' } };
    case 'amqp':
      return {
        amqp: {
          is: 'routingKey',
          exchange: { name: c.address, type: 'topic', durable: true, autoDelete: false, vhost: '/' },
          bindingVersion: '0.3.0',
        },
      };
    default:
      return undefined;
  }
}

const MQTT_QOS: Readonly<Record<DeliveryGuarantee, 0 | 1 | 2>> = {
  'at-most-once': 0,
  'at-least-once': 1,
  'exactly-once': 2,
};

/**
 * Receive bindings: the consumer group (Kafka `groupId`, NATS queue group), the acknowledgement (AMQP `ack`)
 * or the MQTT QoS matching the delivery guarantee.
 */
export function receiveBindings(broker: AsyncApiBroker | undefined, r: ReceiveFacts): Bindings {
  const delivery = r.delivery ?? 'at-least-once';
  switch (brokerOrKafka(broker)) {
    case 'kafka':
      return { kafka: { groupId: { type: 'string', enum: [r.group] }, bindingVersion: '0.5.0' } };
    case 'amqp':
      return { amqp: { ack: delivery !== 'at-most-once', bindingVersion: '0.3.0' } };
    case 'mqtt':
      return { mqtt: { qos: MQTT_QOS[delivery], bindingVersion: '0.2.0' } };
    case 'nats':
      return { nats: { queue: r.group, bindingVersion: '0.1.0' } };
  }
}
