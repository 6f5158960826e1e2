/**
 * RabbitMQ transport on amqplib: the long-standing AMQP 0-9-1 client, promise API and bundled types, with the
 * plain connection model we need (one connection, explicit channels, publisher confirms). rabbitmq-client's
 * automatic reconnects would hide the very connection loss a run must surface.
 *
 * Mapping: a direct exchange per flow topic (routing key = partition), a quorum queue per (partition × group)
 * bound to it, so instances of a group compete on their queue and every group gets every message; quorum queues
 * count deliveries themselves (x-delivery-count).
 */
import { randomUUID } from 'node:crypto';
import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import {
  BrokerUnavailableError,
  type BrokerLocation,
  type BrokerTransport,
  type Delivery,
  type OutgoingMessage,
  type SubscriptionSpec,
  type TopicSpec,
  type TransportFactory,
} from '../transport.js';
import { rabbitmqCapabilities } from './capabilities.js';
import { publishConfirmed } from './confirmed.js';
import { safeUrl } from '../broker-url.js';
import { fixForChannel, openRabbit } from './connection.js';
import {
  DELAY_HEADER,
  DELIVERIES_HEADER,
  deliveryCountOf,
  KEY_HEADER,
  REASON_HEADER,
  TOPIC_HEADER,
} from './headers.js';
import {
  dlqExchange,
  dlqQueue,
  groupQueue,
  partitionKey,
  retryExchange,
  sanitise,
  topicExchange,
} from './names.js';
import { RunResources } from './resources.js';

/**
 * Unacked deliveries per instance: enough that an instance never waits a round trip for its next delivery (the
 * bench's bare loop takes the same), few enough that the instances of a group share the queue. The instance
 * still processes them one at a time.
 */
const PREFETCH = 16;

class RabbitTransport implements BrokerTransport {
  readonly kind = 'rabbitmq' as const;
  readonly capabilities = rabbitmqCapabilities;
  private readonly consumers: Array<{ channel: Channel; tag: string }> = [];
  private readonly lostListeners: Array<(error: BrokerUnavailableError) => void> = [];
  private lost: BrokerUnavailableError | undefined;
  private closing = false;
  private disconnected = false;
  private readonly resources: RunResources;

  constructor(
    readonly url: string,
    private readonly runId: string,
    private readonly connection: ChannelModel,
    /** Declarations, publications and deletions: a confirm channel, so a publication resolves once the broker has it. */
    private readonly channel: ConfirmChannel,
  ) {
    // 'error' is always followed by 'close'; the listener keeps it from being an unhandled event.
    connection.on('error', () => undefined);
    connection.on('close', (error?: Error) => {
      this.disconnected = true;
      if (!this.closing)
        this.loseWith('the connection was lost mid-run: check that RabbitMQ is running', error);
    });
    channel.on('error', (error: Error) => this.channelFailed(error));
    this.resources = new RunResources(runId, channel);
  }

  /** A channel closed by the broker (e.g. 406 on a declaration) stops the run's publications or an instance. */
  private channelFailed(error: Error): void {
    if (!this.closing) this.loseWith(fixForChannel(error), error);
  }

  onLost(listener: (error: BrokerUnavailableError) => void): void {
    this.lostListeners.push(listener);
    const lost = this.lost;
    if (lost) queueMicrotask(() => listener(lost));
  }

  private loseWith(fix: string, cause?: unknown): void {
    if (this.lost) return;
    const lost = new BrokerUnavailableError('rabbitmq', this.url, fix, cause);
    this.lost = lost;
    for (const listener of this.lostListeners) listener(lost);
  }

  /** Once the run has lost the broker, every call says so with the fix rather than amqplib's "Channel closed". */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    if (this.lost) throw this.lost;
    try {
      return await work();
    } catch (error) {
      throw this.lost ?? error;
    }
  }

  async declare(topics: readonly TopicSpec[], subscriptions: readonly SubscriptionSpec[]): Promise<void> {
    await this.guard(async () => {
      for (const t of topics) await this.resources.topic(t.topic, t.retention);
      for (const s of subscriptions) await this.resources.group(s);
    });
  }

  async publish(message: OutgoingMessage): Promise<BrokerLocation> {
    const exchange = topicExchange(this.runId, message.topic);
    await this.guard(() =>
      publishConfirmed(this.channel, exchange, partitionKey(message.partition), message.body, {
        // The event id as AMQP message-id: shown by the management UI's "Get messages" and by
        // `rabbitmqadmin get queue=<queue>`, so a hop's location finds its message (a delivery tag is per channel).
        messageId: message.eventId,
        contentType: 'application/cloudevents+json',
        ...(message.key !== undefined ? { headers: { [KEY_HEADER]: message.key } } : {}),
      }),
    );
    return { broker: 'rabbitmq', resource: exchange, messageId: message.eventId, deliveryCount: 0 };
  }

  async subscribe(spec: SubscriptionSpec, onDelivery: (delivery: Delivery) => void): Promise<void> {
    const queue = groupQueue(this.runId, spec.topic, spec.partition, spec.group);
    if (!this.resources.hasGroup(spec)) await this.declare([], [spec]);
    await this.guard(async () => {
      // A channel per instance: its prefetch is its own, and acks go back on the channel that delivered.
      const channel = await this.connection.createChannel();
      channel.on('error', (error: Error) => this.channelFailed(error));
      await channel.prefetch(PREFETCH);
      const { consumerTag } = await channel.consume(
        queue,
        (msg) => {
          // null: the broker cancelled the consumer, e.g. the queue was deleted under the run.
          if (msg === null) {
            if (!this.closing)
              this.loseWith(`the broker cancelled the consumer on ${queue} (queue deleted?)`);
            return;
          }
          onDelivery(this.delivery(channel, queue, msg));
        },
        { noAck: false, consumerTag: `${queue}.${spec.instance}` },
      );
      this.consumers.push({ channel, tag: consumerTag });
    });
  }

  private delivery(channel: Channel, queue: string, msg: ConsumeMessage): Delivery {
    const deliveryCount = deliveryCountOf(msg.properties.headers);
    const messageId =
      typeof msg.properties.messageId === 'string'
        ? msg.properties.messageId
        : String(msg.fields.deliveryTag);
    let settled = false;
    // A second settle of one delivery tag is a channel error in AMQP, which would close the instance's channel.
    // After close() there is nothing to settle: closing the channel handed the delivery back to the broker.
    const settle = (): boolean => {
      if (settled) throw new Error(`delivery ${messageId} on ${queue} is already settled`);
      settled = true;
      return !this.closing;
    };
    return {
      body: msg.content,
      location: { broker: 'rabbitmq', resource: queue, messageId, deliveryCount },
      ack: async () => {
        if (settle()) await this.guard(async () => channel.ack(msg));
      },
      nak: async (delayMs: number) => {
        if (!settle()) return;
        await this.guard(async () => {
          // No delay asked: requeue, and the quorum queue counts the redelivery itself. (RabbitMQ 4 quorum queues
          // give up on a message after 20 such requeues by default; delayed retries are new copies, not counted.)
          if (delayMs <= 0) return channel.nack(msg, false, true);
          try {
            await this.retryLater(queue, msg, deliveryCount, Math.round(delayMs));
          } catch (error) {
            channel.nack(msg, false, true);
            throw error;
          }
          channel.ack(msg);
        });
      },
    };
  }

  /**
   * Delayed redelivery kept by the broker: the copy goes through the run's headers exchange to the retry queue
   * for this delay, whose TTL expires it and dead-letters it to the default exchange with its routing key, the
   * group queue's name, so it lands back on the queue it came from. The original is acked only once the copy is
   * confirmed: a crash in between redelivers twice rather than never.
   */
  private async retryLater(queue: string, msg: ConsumeMessage, deliveries: number, delayMs: number) {
    await this.resources.retry(delayMs);
    const { messageId, contentType } = msg.properties;
    const key: unknown = msg.properties.headers?.[KEY_HEADER];
    await publishConfirmed(this.channel, retryExchange(this.runId), queue, msg.content, {
      ...(typeof messageId === 'string' ? { messageId } : {}),
      ...(typeof contentType === 'string' ? { contentType } : {}),
      headers: {
        [DELAY_HEADER]: String(delayMs),
        [DELIVERIES_HEADER]: deliveries,
        ...(typeof key === 'string' ? { [KEY_HEADER]: key } : {}),
      },
    });
  }

  async deadLetter(topic: string, body: Uint8Array, reason: string): Promise<BrokerLocation> {
    const messageId = randomUUID();
    await this.guard(async () => {
      await this.resources.topic(topic);
      await publishConfirmed(this.channel, dlqExchange(this.runId, topic), '', body, {
        messageId,
        headers: { [REASON_HEADER]: reason, [TOPIC_HEADER]: topic },
      });
    });
    return { broker: 'rabbitmq', resource: dlqQueue(this.runId, topic), messageId, deliveryCount: 0 };
  }

  /** `<queue>.messages` (ready, not yet delivered) and `<queue>.consumers` for every queue of the run, DLQs included. */
  async inspect(): Promise<Readonly<Record<string, number>>> {
    return this.guard(async () => {
      const figures: Record<string, number> = {};
      // A passive declare of a missing queue closes its channel (404), so it gets a channel of its own.
      let channel = await this.connection.createChannel();
      channel.on('error', () => undefined);
      for (const name of this.resources.queues) {
        try {
          const { messageCount, consumerCount } = await channel.checkQueue(name);
          figures[`${name}.messages`] = messageCount;
          figures[`${name}.consumers`] = consumerCount;
        } catch {
          if (this.lost) throw this.lost;
          channel = await this.connection.createChannel();
          channel.on('error', () => undefined);
        }
      }
      await channel.close().catch(() => undefined);
      return figures;
    });
  }

  async close(options: { readonly keep: boolean }): Promise<void> {
    this.closing = true;
    // Without its connection the run can remove nothing; what it made stays for rabbitmqctl to delete.
    if (this.disconnected) return;
    for (const { channel, tag } of this.consumers) {
      // Closing the channel hands its unacked deliveries back to the queue.
      await channel.cancel(tag).catch(() => undefined);
      await channel.close().catch(() => undefined);
    }
    if (!options.keep) {
      // A fresh channel: the run's own may have been closed by a broker error.
      await this.resources.remove(await this.connection.createChannel());
    }
    await this.connection.close();
  }
}

export const rabbitmqTransportFactory: TransportFactory = {
  kind: 'rabbitmq',
  async connect(url: string, runId: string): Promise<BrokerTransport> {
    const connection = await openRabbit(url, `eventflow.${sanitise(runId)}`);
    try {
      return new RabbitTransport(safeUrl(url), runId, connection, await connection.createConfirmChannel());
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw new BrokerUnavailableError('rabbitmq', safeUrl(url), 'RabbitMQ refused a channel', error);
    }
  },
};
