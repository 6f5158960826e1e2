import type { Redis } from 'ioredis';
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
import { safeUrl } from '../broker-url.js';
import { InFlightWindow, held } from '../in-flight.js';
import { openRedis } from './connection.js';
import {
  AutoClaimReply,
  type Entry,
  fieldsOf,
  PendingRange,
  PendingSummary,
  ReadGroupReply,
} from './replies.js';

/** Bounded so a loop notices close() within this time even if the disconnect below were missed. */
const BLOCK_MS = 500;

export const redisCapabilities: BrokerCapabilities = {
  orderedPartitions: false,
  delayedRedelivery: true,
  deliveryCount: true,
  publishDedup: false,
  retention: true,
  limits: [
    'A nak leaves the entry pending; Eventflow reclaims it with XAUTOCLAIM once it has been idle for the delay, so the delay timer lives in Eventflow, not in Redis.',
    'Delivery counts are Redis’s own PEL counters (XPENDING), exact for entries delivered through this transport.',
    'A redelivered entry can overtake later entries of the same partition: per-key order is not kept across redelivery.',
    'No publish de-duplication: exactly-once needs Eventflow’s idempotency record.',
  ],
};

const streamKey = (run: string, topic: string, partition: number) => `eventflow:${run}:${topic}:${partition}`;

/** Entries one instance reads at once and holds unsettled at most (the batch the bench's bare loop reads). */
const READ_COUNT = 16;

class RedisTransport implements BrokerTransport {
  readonly kind = 'redis' as const;
  readonly capabilities = redisCapabilities;
  private readonly keys = new Set<string>();
  private readonly groups = new Map<string, Set<string>>();
  private readonly retention = new Map<string, TopicSpec['retention']>();
  private readonly readers: Redis[] = [];
  private readonly loops: Promise<void>[] = [];
  private readonly windows: InFlightWindow[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private readonly lostListeners: Array<(error: BrokerUnavailableError) => void> = [];
  private lostWith: BrokerUnavailableError | undefined;

  constructor(
    readonly url: string,
    private readonly runId: string,
    private readonly redis: Redis,
  ) {
    this.watch(redis, 'the connection');
  }

  onLost(listener: (error: BrokerUnavailableError) => void): void {
    this.lostListeners.push(listener);
    const lost = this.lostWith;
    if (lost) queueMicrotask(() => listener(lost));
  }

  /**
   * Reconnects are off (connection.ts), so a connection that ends before close() is the broker gone: the run
   * ends with that reason instead of waiting on replies that cannot come.
   */
  private watch(connection: Redis, which: string): void {
    connection.on('end', () => this.lose(`${which} closed under the run: is redis-server still running?`));
  }

  /** A command that failed because the connection went says so with the fix, not ioredis's own words. */
  private readonly failed = (error: unknown): never => {
    const message = error instanceof Error ? error.message : String(error);
    if (/Connection is closed|Stream isn't writeable|ECONNRESET|EPIPE|ECONNREFUSED/i.test(message))
      this.lose('the connection was lost mid-run: is redis-server still running?', error);
    throw this.lostWith ?? error;
  };

  private lose(fix: string, cause?: unknown): void {
    if (this.stopped || this.lostWith) return;
    this.lostWith = new BrokerUnavailableError('redis', this.url, fix, cause);
    for (const listener of this.lostListeners) listener(this.lostWith);
  }

  private get dlqKey(): string {
    return `eventflow:${this.runId}:dlq`;
  }

  async declare(topics: readonly TopicSpec[], subscriptions: readonly SubscriptionSpec[]): Promise<void> {
    for (const topic of topics) {
      this.retention.set(topic.topic, topic.retention);
      for (let p = 0; p < topic.partitions; p++) this.keys.add(streamKey(this.runId, topic.topic, p));
    }
    for (const sub of subscriptions) {
      const key = streamKey(this.runId, sub.topic, sub.partition);
      const groups = this.groups.get(key) ?? new Set<string>();
      if (groups.has(sub.group)) continue;
      try {
        await this.redis.xgroup('CREATE', key, sub.group, '0', 'MKSTREAM');
      } catch (error) {
        // BUSYGROUP: the group exists already (e.g. a resumed run), which is what we want.
        if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
      }
      groups.add(sub.group);
      this.groups.set(key, groups);
      this.keys.add(key);
    }
  }

  async publish(message: OutgoingMessage): Promise<BrokerLocation> {
    const key = streamKey(this.runId, message.topic, message.partition);
    this.keys.add(key);
    const retention = this.retention.get(message.topic);
    const trim: (string | number)[] =
      retention?.maxMessages !== undefined ? ['MAXLEN', '=', retention.maxMessages] : [];
    if (this.lostWith) throw this.lostWith;
    const id = await this.redis
      .xadd(
        key,
        ...trim,
        '*',
        'eventId',
        message.eventId,
        'key',
        message.key ?? '',
        'body',
        // A view, not a copy: the body is not touched again until the command is written.
        Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength),
      )
      .catch(this.failed);
    if (retention?.maxAgeMs !== undefined)
      await this.redis.xtrim(key, 'MINID', Date.now() - retention.maxAgeMs);
    return { broker: 'redis', resource: key, messageId: id ?? '', deliveryCount: 0 };
  }

  async subscribe(spec: SubscriptionSpec, onDelivery: (delivery: Delivery) => void): Promise<void> {
    const key = streamKey(this.runId, spec.topic, spec.partition);
    if (!this.groups.get(key)?.has(spec.group)) await this.declare([], [spec]);
    // XREADGROUP BLOCK holds its connection, so each instance reads on its own.
    const reader = this.redis.duplicate();
    reader.on('error', () => undefined);
    await reader.connect();
    this.watch(reader, `the reader of ${spec.instance}`);
    this.readers.push(reader);
    this.handlers.set(`${key}|${spec.group}|${spec.instance}`, onDelivery);
    this.loops.push(this.readLoop(reader, key, spec, onDelivery));
  }

  private async readLoop(
    reader: Redis,
    key: string,
    spec: SubscriptionSpec,
    onDelivery: (d: Delivery) => void,
  ) {
    const window = new InFlightWindow(READ_COUNT);
    this.windows.push(window);
    while (!this.stopped) {
      const room = await window.room();
      if (this.stopped || room === 0) return;
      let raw: unknown;
      try {
        raw = await reader.callBuffer(
          'XREADGROUP',
          'GROUP',
          spec.group,
          spec.instance,
          'COUNT',
          room,
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          key,
          '>',
        );
      } catch (error) {
        // A read that fails under a live run (the server went, or refused the group) ends the run with why.
        if (!this.stopped)
          this.lose(
            `a read of ${key} failed (${error instanceof Error ? error.message : String(error)})`,
            error,
          );
        return;
      }
      for (const [, entries] of ReadGroupReply.parse(raw) ?? []) {
        for (const entry of entries) onDelivery(held(this.delivery(key, spec, entry, 1), window.take()));
      }
    }
  }

  private delivery(key: string, spec: SubscriptionSpec, entry: Entry, deliveryCount: number): Delivery {
    const id = entry[0].toString();
    // The reply's own Buffer is a Uint8Array: no copy.
    const body: Uint8Array = fieldsOf(entry).get('body') ?? Buffer.alloc(0);
    return {
      body,
      location: { broker: 'redis', resource: key, messageId: id, deliveryCount },
      ack: async () => {
        await this.redis.xack(key, spec.group, id).catch(this.failed);
      },
      nak: async (delayMs: number) => {
        // The entry stays in the PEL; once idle for delayMs it is claimed back for this instance.
        // XAUTOCLAIM takes whole ms: a fractional delay (a run at --speed) is rounded up.
        this.reclaimLater(key, spec, id, Math.ceil(delayMs), 0);
      },
    };
  }

  /**
   * Claims the entry back once its delay has passed. Redis measures idle time from the last delivery in whole
   * ms on its own clock, so a claim that finds the entry not idle enough yet is tried again shortly, not dropped.
   */
  reclaimLater(key: string, spec: SubscriptionSpec, id: string, delayMs: number, tries: number) {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        void this.reclaim(key, spec, id, delayMs, onDeliveryOf(this, key, spec)).then((claimed) => {
          if (!claimed && !this.stopped && tries < 50) this.reclaimLater(key, spec, id, delayMs, tries + 1);
        });
      },
      tries === 0 ? delayMs : 5,
    );
    this.timers.add(timer);
  }

  /** XAUTOCLAIM from the entry's own id with min-idle = the delay: it claims exactly this entry, now overdue. */
  async reclaim(
    key: string,
    spec: SubscriptionSpec,
    id: string,
    delayMs: number,
    deliver: (d: Delivery) => void,
  ): Promise<boolean> {
    if (this.stopped) return true;
    const raw = await this.redis.callBuffer(
      'XAUTOCLAIM',
      key,
      spec.group,
      spec.instance,
      delayMs,
      id,
      'COUNT',
      1,
    );
    const [, entries] = AutoClaimReply.parse(raw);
    for (const entry of entries) {
      const entryId = entry[0].toString();
      const pending = PendingRange.parse(await this.redis.xpending(key, spec.group, entryId, entryId, 1));
      deliver(this.delivery(key, spec, entry, pending[0]?.[3] ?? 1));
    }
    return entries.length > 0;
  }

  readonly handlers = new Map<string, (d: Delivery) => void>();

  async deadLetter(topic: string, body: Uint8Array, reason: string): Promise<BrokerLocation> {
    this.keys.add(this.dlqKey);
    const id = await this.redis.xadd(
      this.dlqKey,
      '*',
      'topic',
      topic,
      'reason',
      reason,
      'body',
      Buffer.from(body),
    );
    return { broker: 'redis', resource: this.dlqKey, messageId: id ?? '', deliveryCount: 0 };
  }

  async inspect(): Promise<Readonly<Record<string, number>>> {
    const figures: Record<string, number> = {};
    for (const key of this.keys) {
      figures[`xlen:${key}`] = await this.redis.xlen(key);
      for (const group of this.groups.get(key) ?? []) {
        figures[`xpending:${key}:${group}`] = PendingSummary.parse(await this.redis.xpending(key, group))[0];
      }
    }
    return figures;
  }

  async close(options: { readonly keep: boolean }): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    // Disconnecting aborts a blocked XREADGROUP at once; the loops see `stopped` and return.
    for (const window of this.windows) window.stop();
    for (const reader of this.readers) reader.disconnect();
    await Promise.allSettled(this.loops);
    if (!options.keep && this.keys.size > 0) await this.redis.del(...this.keys);
    await this.redis.quit();
  }
}

/** The handler registered for a (key, group, instance), so a reclaimed entry goes where its first delivery went. */
function onDeliveryOf(t: RedisTransport, key: string, spec: SubscriptionSpec): (d: Delivery) => void {
  return t.handlers.get(`${key}|${spec.group}|${spec.instance}`) ?? (() => undefined);
}

export const redisTransportFactory: TransportFactory = {
  kind: 'redis',
  async connect(url: string, runId: string): Promise<BrokerTransport> {
    const redis = await openRedis(url);
    return new RedisTransport(safeUrl(url), runId, redis);
  },
};
