import type { Channel, ConfirmChannel } from 'amqplib';
import type { SubscriptionSpec, TopicSpec } from '../transport.js';
import { DELAY_HEADER } from './headers.js';
import {
  dlqExchange,
  dlqQueue,
  groupQueue,
  partitionKey,
  retryExchange,
  retryQueue,
  topicExchange,
} from './names.js';

/** Quorum queues count deliveries themselves (x-delivery-count) and keep messages on disk. */
const QUORUM = { 'x-queue-type': 'quorum' } as const;

/** x-max-length and x-message-ttl must be whole and non-negative, or the broker refuses the queue (406). */
const whole = (n: number): number => Math.max(0, Math.round(n));

/** Declares a run's exchanges, queues and bindings once each, and remembers them so close() removes exactly those. */
export class RunResources {
  readonly exchanges = new Set<string>();
  readonly queues = new Set<string>();
  private readonly retention = new Map<string, TopicSpec['retention']>();
  private readonly retries = new Map<number, Promise<void>>();

  constructor(
    private readonly runId: string,
    private readonly channel: ConfirmChannel,
  ) {}

  private async exchange(name: string, type: 'direct' | 'fanout' | 'headers'): Promise<void> {
    if (this.exchanges.has(name)) return;
    await this.channel.assertExchange(name, type, { durable: true });
    this.exchanges.add(name);
  }

  private async queue(name: string, args: Record<string, string | number>): Promise<void> {
    if (this.queues.has(name)) return;
    await this.channel.assertQueue(name, { durable: true, arguments: { ...QUORUM, ...args } });
    this.queues.add(name);
  }

  /** The topic's direct exchange, and its dead-letter exchange and queue. */
  async topic(topic: string, retention?: TopicSpec['retention']): Promise<void> {
    if (retention) this.retention.set(topic, retention);
    await this.exchange(topicExchange(this.runId, topic), 'direct');
    const dlx = dlqExchange(this.runId, topic);
    if (this.exchanges.has(dlx)) return;
    await this.exchange(dlx, 'fanout');
    await this.queue(dlqQueue(this.runId, topic), {});
    await this.channel.bindQueue(dlqQueue(this.runId, topic), dlx, '');
  }

  hasGroup(spec: SubscriptionSpec): boolean {
    return this.queues.has(groupQueue(this.runId, spec.topic, spec.partition, spec.group));
  }

  /** The group's queue for one partition, bound with the partition as routing key; retention is the broker's. */
  async group(spec: SubscriptionSpec): Promise<void> {
    await this.topic(spec.topic);
    const name = groupQueue(this.runId, spec.topic, spec.partition, spec.group);
    if (this.queues.has(name)) return;
    const retention = this.retention.get(spec.topic);
    // x-max-length drops from the head (oldest first); x-message-ttl expires by age.
    await this.queue(name, {
      ...(retention?.maxMessages !== undefined ? { 'x-max-length': whole(retention.maxMessages) } : {}),
      ...(retention?.maxAgeMs !== undefined ? { 'x-message-ttl': whole(retention.maxAgeMs) } : {}),
    });
    await this.channel.bindQueue(name, topicExchange(this.runId, spec.topic), partitionKey(spec.partition));
  }

  /**
   * The retry queue for one delay: its TTL is the delay, and it dead-letters to the default exchange with the
   * message's routing key (the group queue's name), which puts the message back on the queue it came from.
   */
  retry(delayMs: number): Promise<void> {
    let ready = this.retries.get(delayMs);
    if (!ready) {
      const name = retryQueue(this.runId, delayMs);
      ready = (async () => {
        await this.exchange(retryExchange(this.runId), 'headers');
        await this.queue(name, { 'x-message-ttl': delayMs, 'x-dead-letter-exchange': '' });
        await this.channel.bindQueue(name, retryExchange(this.runId), '', {
          'x-match': 'all',
          [DELAY_HEADER]: String(delayMs),
        });
      })();
      // A failed declaration is tried again by the next nak rather than remembered.
      ready.catch(() => this.retries.delete(delayMs));
      this.retries.set(delayMs, ready);
    }
    return ready;
  }

  /** Queues first (deleting one removes its bindings), then exchanges. */
  async remove(channel: Channel): Promise<void> {
    for (const name of this.queues) await channel.deleteQueue(name);
    for (const name of this.exchanges) await channel.deleteExchange(name);
  }
}
