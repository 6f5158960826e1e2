import type { BrokerLocation, Delivery, SubscriptionSpec } from '../transport.js';
import type { Held } from './instance-client.js';
import { deliveredProperties } from './properties.js';
import type { TopicCounts } from './transport-figures.js';

/** An ack or nak is done once its PUBACK is written, which settle() does at once. */
const DONE: Promise<void> = Promise.resolve();

/** What a delivery needs of its transport: MQTT's stand-in for a nak. */
export interface DeliveryHost {
  /** Re-publishes the message to its group's retry topic after the delay (MQTT has no negative ack). */
  republishLater(delivery: MqttDelivery, delayMs: number): void;
}

/**
 * One delivery to one instance. It is made for every message, so ack and nak live on the prototype instead of
 * being two closures per message.
 */
export class MqttDelivery implements Delivery {
  readonly body: Uint8Array;
  readonly location: BrokerLocation;
  /** The `eventflow-key` it came with, carried on to a re-publication. */
  readonly key: string | undefined;

  constructor(
    private readonly host: DeliveryHost,
    readonly spec: SubscriptionSpec,
    private readonly held: Held,
    /** The flow topic's counts, looked up once per subscription rather than per message. */
    private readonly counts: TopicCounts,
  ) {
    const { deliveryCount, key } = deliveredProperties(held.packet);
    // The packet's own Buffer is a Uint8Array: no copy (the client never reuses it).
    const payload = held.packet.payload;
    this.body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    this.key = key;
    this.location = { broker: 'mqtt', resource: held.resource, messageId: held.messageId, deliveryCount };
  }

  ack(): Promise<void> {
    this.held.settle();
    this.counts.acked++;
    return DONE;
  }

  /** Acked at once (MQTT cannot refuse a message for later); the transport re-publishes it after the delay. */
  nak(delayMs: number): Promise<void> {
    this.held.settle();
    this.counts.naked++;
    this.host.republishLater(this, delayMs);
    return DONE;
  }
}
