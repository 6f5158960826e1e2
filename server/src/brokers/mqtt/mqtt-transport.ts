import { randomUUID } from 'node:crypto';
import type { IClientPublishOptions, MqttClient } from 'mqtt';
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
import { MqttDelivery, type DeliveryHost } from './delivery.js';
import { InstanceClient } from './instance-client.js';
import {
  clientIdFor,
  dlqTopic,
  messageTopic,
  messagesOf,
  partitionTopic,
  publisherIdFor,
  retryTopic,
  shared,
} from './names.js';
import { DELIVERY_COUNT, EVENT_ID, FLOW_TOPIC, KEY, REASON } from './properties.js';
import { TransportFigures, type TopicCounts } from './transport-figures.js';

export const mqttCapabilities: BrokerCapabilities = {
  orderedPartitions: false,
  delayedRedelivery: false,
  deliveryCount: false,
  publishDedup: false,
  retention: false,
  dropsWhenFull:
    'Mosquitto dropped it unread: the queue of the group instance it went to was full (max_queued_messages, 1000 by default)',
  limits: [
    'MQTT has no negative ack and no broker delay: a nak is acked at once and Eventflow re-publishes the message after the delay, to a retry topic of that group only; the delay lives in the Eventflow process, so a nak still waiting when the run stops is lost.',
    'The delivery count is Eventflow’s, carried in the eventflow-delivery-count user property from the second delivery on (absent on a first); Mosquitto counts nothing per message.',
    'Order within a partition holds for one instance until a nak: a re-published message comes after later ones.',
    'No retention by count or age: Mosquitto keeps only what a group instance has not received yet, up to max_queued_messages (1000 by default) per instance, and drops the rest (broker.publish.messages.dropped); Eventflow records each as expired at the topic once the run goes quiet.',
    'No publish de-duplication: exactly-once needs Eventflow’s idempotency record.',
  ],
};

const instanceKey = (s: SubscriptionSpec): string => JSON.stringify([s.group, s.instance]);

/** A first publication of a keyless event: QoS 1 and no properties (mqtt.js copies options, never writes them). */
const AT_LEAST_ONCE: IClientPublishOptions = { qos: 1 };

class MqttTransport implements BrokerTransport, DeliveryHost {
  readonly kind = 'mqtt' as const;
  readonly capabilities = mqttCapabilities;
  private readonly instances = new Map<string, InstanceClient>();
  private readonly filters = new Map<string, Set<string>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly lostListeners: Array<(error: BrokerUnavailableError) => void> = [];
  readonly figures = new TransportFigures();
  /**
   * Per flow topic, its partitions' resources and its counts: a publication would otherwise build and sanitise
   * the name, and look the counts up, every time.
   */
  private readonly topics = new Map<string, { resources: string[]; counts: TopicCounts }>();
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
  private resourcesOf(s: SubscriptionSpec): string[] {
    return [
      partitionTopic(this.runId, s.topic, s.partition),
      retryTopic(this.runId, s.topic, s.partition, s.group),
    ];
  }

  private filtersOf(s: SubscriptionSpec): string[] {
    return this.resourcesOf(s).map((resource) => shared(s.group, messagesOf(resource)));
  }

  private topicOf(topic: string): { resources: string[]; counts: TopicCounts } {
    let of = this.topics.get(topic);
    if (!of) this.topics.set(topic, (of = { resources: [], counts: this.figures.of(topic) }));
    return of;
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

  publish(message: OutgoingMessage): Promise<BrokerLocation> {
    const of = this.topicOf(message.topic);
    const resource = (of.resources[message.partition] ??= partitionTopic(
      this.runId,
      message.topic,
      message.partition,
    ));
    const options: IClientPublishOptions =
      message.key === undefined
        ? AT_LEAST_ONCE
        : { qos: 1, properties: { userProperties: { [KEY]: message.key } } };
    const eventId = message.eventId;
    // One promise per publication, resolved with its location: this runs for every event.
    return this.send(messageTopic(resource, eventId), message.body, options, () => {
      of.counts.published++;
      // The event id, not the MQTT packet id: a packet id is per connection and reused at once.
      return { broker: 'mqtt', resource, messageId: eventId, deliveryCount: 0 };
    });
  }

  /**
   * QoS 1: resolves on Mosquitto's PUBACK, with what `done` makes of it. The client would keep a QoS 1
   * publication for a reconnect that never comes (reconnects are off), so a publication on a lost connection
   * fails at once instead of hanging.
   */
  private send<T>(
    topic: string,
    body: Uint8Array,
    options: IClientPublishOptions,
    done: () => T,
  ): Promise<T> {
    if (!this.publisher.connected)
      return Promise.reject(this.lostError(new Error('the publisher is not connected')));
    const payload = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    return new Promise((resolve, reject) => {
      this.publisher.publish(topic, payload, options, (error) => {
        if (!error) resolve(done());
        else reject(this.closing ? error : this.lostError(error));
      });
    });
  }

  async subscribe(spec: SubscriptionSpec, onDelivery: (delivery: Delivery) => void): Promise<void> {
    const instance = await this.instanceFor(spec);
    const counts = this.topicOf(spec.topic).counts;
    instance.attach(this.resourcesOf(spec), (held) => {
      counts.delivered++;
      onDelivery(new MqttDelivery(this, spec, held, counts));
    });
  }

  /** MQTT has no nak: the message goes again after the delay, to its group's retry topic, under the same id. */
  republishLater(d: MqttDelivery, delayMs: number): void {
    const { spec, location } = d;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        const userProperties: Record<string, string> = {
          [DELIVERY_COUNT]: String(location.deliveryCount + 1),
        };
        if (d.key !== undefined) userProperties[KEY] = d.key;
        const target = retryTopic(this.runId, spec.topic, spec.partition, spec.group);
        this.send(
          messageTopic(target, location.messageId),
          d.body,
          { qos: 1, properties: { userProperties } },
          () => this.figures.count('republished', spec.topic),
        ).catch((e: unknown) => this.lost(e instanceof Error ? e : new Error(String(e))));
      },
      Math.max(0, delayMs),
    );
    this.timers.add(timer);
  }

  async deadLetter(topic: string, body: Uint8Array, reason: string): Promise<BrokerLocation> {
    const resource = dlqTopic(this.runId, topic);
    const messageId = randomUUID();
    const userProperties = { [EVENT_ID]: messageId, [REASON]: reason, [FLOW_TOPIC]: topic };
    return this.send(resource, body, { qos: 1, properties: { userProperties } }, () => {
      this.figures.count('deadLettered', topic);
      return { broker: 'mqtt' as const, resource, messageId, deliveryCount: 0 };
    });
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
