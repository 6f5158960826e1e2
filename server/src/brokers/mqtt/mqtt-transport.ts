import { randomUUID } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import {
  BrokerUnavailableError,
  type BrokerCapabilities,
  type BrokerLocation,
  type BrokerTransport,
  type Delivery,
  type OutgoingMessage,
  type SubscriptionSpec,
  type TopicSpec,
  type TransportFactory,
} from '../transport.js';
import { BrokerFigures } from './broker-figures.js';
import { safeUrl } from '../broker-url.js';
import { openMqtt, unavailable } from './connection.js';
import { InstanceClient, type Held } from './instance-client.js';
import { clientIdFor, dlqTopic, partitionTopic, publisherIdFor, retryTopic, shared } from './names.js';
import { DELIVERY_COUNT, EVENT_ID, FLOW_TOPIC, KEY, REASON, deliveredProperties } from './properties.js';
import { TransportFigures } from './transport-figures.js';

export const mqttCapabilities: BrokerCapabilities = {
  orderedPartitions: false,
  delayedRedelivery: false,
  deliveryCount: false,
  publishDedup: false,
  retention: false,
  limits: [
    'MQTT has no negative ack and no broker delay: a nak is acked at once and Eventflow re-publishes the message after the delay, to a retry topic of that group only; the delay lives in the Eventflow process, so a nak still waiting when the run stops is lost.',
    'The delivery count is Eventflow’s, carried in the eventflow-delivery-count user property from the second delivery on (absent on a first); Mosquitto counts nothing per message.',
    'Order within a partition holds for one instance until a nak: a re-published message comes after later ones.',
    'No retention by count or age: Mosquitto keeps only what a group instance has not received yet, up to max_queued_messages (1000 by default) per instance, and drops the rest (broker.publish.messages.dropped).',
    'No publish de-duplication: exactly-once needs Eventflow’s idempotency record.',
  ],
};

const instanceKey = (s: SubscriptionSpec): string => JSON.stringify([s.group, s.instance]);

class MqttTransport implements BrokerTransport {
  readonly kind = 'mqtt' as const;
  readonly capabilities = mqttCapabilities;
  private readonly instances = new Map<string, InstanceClient>();
  private readonly filters = new Map<string, Set<string>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly lostListeners: Array<(error: BrokerUnavailableError) => void> = [];
  private readonly figures = new TransportFigures();
  private closing = false;

  constructor(
    private readonly rawUrl: string,
    private readonly runId: string,
    private readonly publisher: MqttClient,
    private readonly brokerFigures: BrokerFigures,
  ) {
    publisher.on('close', () => {
      if (this.closing) return;
      this.lost(new Error('the publisher connection closed'));
      // Reconnects are off and the session is clean: ending now fails every publication still waiting for its
      // PUBACK ("Connection closed"), which send() reports as the loss, instead of leaving them pending.
      this.publisher.end(true);
    });
  }

  get url(): string {
    return safeUrl(this.rawUrl);
  }

  onLost(listener: (error: BrokerUnavailableError) => void): void {
    this.lostListeners.push(listener);
  }

  private lostError(cause: Error): BrokerUnavailableError {
    return new BrokerUnavailableError(
      'mqtt',
      this.url,
      `the connection was lost mid-run (${cause.message}): check that Mosquitto is still running`,
      cause,
    );
  }

  private lost(cause: Error): void {
    if (this.closing) return;
    const error = this.lostError(cause);
    for (const listener of this.lostListeners) listener(error);
  }

  /** What one instance reads: its partition topic, and its group's retry topic for naks. */
  private topicsOf(s: SubscriptionSpec): string[] {
    return [
      partitionTopic(this.runId, s.topic, s.partition),
      retryTopic(this.runId, s.topic, s.partition, s.group),
    ];
  }

  private filtersOf(s: SubscriptionSpec): string[] {
    return this.topicsOf(s).map((topic) => shared(s.group, topic));
  }

  private async instanceFor(s: SubscriptionSpec): Promise<InstanceClient> {
    const key = instanceKey(s);
    const wanted = this.filtersOf(s);
    const known = this.filters.get(key) ?? new Set<string>();
    let instance = this.instances.get(key);
    if (instance) {
      // One client per instance: an instance subscribed to a further partition gets its filters added.
      const missing = wanted.filter((f) => !known.has(f));
      if (missing.length > 0) await instance.subscribe(missing);
    } else {
      instance = await InstanceClient.open(
        this.rawUrl,
        clientIdFor(this.runId, s.group, s.instance),
        wanted,
        (e) => this.lost(e),
      );
      this.instances.set(key, instance);
    }
    for (const f of wanted) known.add(f);
    this.filters.set(key, known);
    return instance;
  }

  /**
   * MQTT topics need no creation; what must exist before the first publication is each group's subscription, or
   * Mosquitto drops what nobody subscribes to. So declare() opens every instance's client with a persistent session
   * and subscribes there; subscribe() later only attaches the handler.
   */
  async declare(_topics: readonly TopicSpec[], subscriptions: readonly SubscriptionSpec[]): Promise<void> {
    for (const s of subscriptions) await this.instanceFor(s);
  }

  async publish(message: OutgoingMessage): Promise<BrokerLocation> {
    const resource = partitionTopic(this.runId, message.topic, message.partition);
    await this.send(
      resource,
      message.body,
      message.key !== undefined
        ? { [EVENT_ID]: message.eventId, [KEY]: message.key }
        : { [EVENT_ID]: message.eventId },
    );
    this.figures.count('published', message.topic);
    // The event id, not the MQTT packet id: a packet id is per connection and reused at once, while the
    // eventflow-event-id user property finds the message with
    // `mosquitto_sub -V mqttv5 -F '%t %P %p' -t 'eventflow/<run>/#'`.
    return { broker: 'mqtt', resource, messageId: message.eventId, deliveryCount: 0 };
  }

  /**
   * QoS 1: resolves on Mosquitto's PUBACK. The client would keep a QoS 1 publication for a reconnect that never
   * comes (reconnects are off), so a publication on a lost connection fails at once instead of hanging.
   */
  private async send(topic: string, body: Uint8Array, properties: Record<string, string>): Promise<void> {
    if (!this.publisher.connected) throw this.lostError(new Error('the publisher is not connected'));
    await this.publisher
      .publishAsync(topic, Buffer.from(body.buffer, body.byteOffset, body.byteLength), {
        qos: 1,
        properties: { userProperties: properties },
      })
      .catch((error: unknown) => {
        throw this.closing
          ? error
          : this.lostError(error instanceof Error ? error : new Error(String(error)));
      });
  }

  async subscribe(spec: SubscriptionSpec, onDelivery: (delivery: Delivery) => void): Promise<void> {
    const instance = await this.instanceFor(spec);
    instance.attach(this.topicsOf(spec), (held) => onDelivery(this.delivery(spec, held)));
  }

  private delivery(spec: SubscriptionSpec, held: Held): Delivery {
    const { deliveryCount, eventId, key } = deliveredProperties(held.packet);
    // The packet's own Buffer is a Uint8Array: no copy (the client never reuses it).
    const payload = held.packet.payload;
    const body: Uint8Array = typeof payload === 'string' ? Buffer.from(payload) : payload;
    this.figures.count('delivered', spec.topic);
    return {
      body,
      location: {
        broker: 'mqtt',
        resource: held.topic,
        messageId: eventId ?? String(held.packet.messageId ?? ''),
        deliveryCount,
      },
      ack: async () => {
        held.settle();
        this.figures.count('acked', spec.topic);
        await Promise.resolve();
      },
      nak: async (delayMs: number) => {
        held.settle();
        this.figures.count('naked', spec.topic);
        const timer = setTimeout(
          () => {
            this.timers.delete(timer);
            const properties = {
              [EVENT_ID]: eventId ?? randomUUID(),
              [DELIVERY_COUNT]: String(deliveryCount + 1),
              ...(key !== undefined ? { [KEY]: key } : {}),
            };
            const target = retryTopic(this.runId, spec.topic, spec.partition, spec.group);
            this.send(target, body, properties).then(
              () => this.figures.count('republished', spec.topic),
              (e: unknown) => this.lost(e instanceof Error ? e : new Error(String(e))),
            );
          },
          Math.max(0, delayMs),
        );
        this.timers.add(timer);
        await Promise.resolve();
      },
    };
  }

  async deadLetter(topic: string, body: Uint8Array, reason: string): Promise<BrokerLocation> {
    const resource = dlqTopic(this.runId, topic);
    const messageId = randomUUID();
    await this.send(resource, body, { [EVENT_ID]: messageId, [REASON]: reason, [FLOW_TOPIC]: topic });
    this.figures.count('deadLettered', topic);
    return { broker: 'mqtt', resource, messageId, deliveryCount: 0 };
  }

  /** `broker.*`: Mosquitto's own $SYS counters (whole broker); `transport.*`: what this run's transport did. */
  inspect(): Promise<Readonly<Record<string, number>>> {
    return Promise.resolve({ ...this.brokerFigures.snapshot(), ...this.figures.snapshot() });
  }

  /**
   * End every client; unless keep, end their sessions too so Mosquitto forgets the run's subscriptions and
   * queued messages. This transport never publishes retained messages, so there are none to remove. A nak whose
   * delay has not run out is dropped here: MQTT holds no copy of it (see the capabilities' limits).
   */
  async close(options: { readonly keep: boolean }): Promise<void> {
    this.closing = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.instances.values()].map((c) => c.close(options.keep)));
    this.instances.clear();
    await this.brokerFigures.stop();
    await this.publisher.endAsync().catch(() => this.publisher.end(true));
  }
}

export const mqttTransportFactory: TransportFactory = {
  kind: 'mqtt',
  async connect(url: string, runId: string): Promise<BrokerTransport> {
    const publisher = await openMqtt(url, { clientId: publisherIdFor(runId), clean: true });
    try {
      return new MqttTransport(url, runId, publisher, await BrokerFigures.follow(publisher));
    } catch (error) {
      publisher.end(true);
      throw unavailable(url, error);
    }
  },
};
