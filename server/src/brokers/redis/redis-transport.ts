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
import { Coalescer } from './coalesce.js';
import { openRedis } from './connection.js';
import { StreamReader, type ReaderHost } from './read-loop.js';
import { PendingSummary } from './replies.js';

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

const locationOf = (key: string, id: string | null): BrokerLocation => ({
  broker: 'redis',
  resource: key,
  messageId: id ?? '',
  deliveryCount: 0,
});

class RedisTransport implements BrokerTransport, ReaderHost {
  readonly kind = 'redis' as const;
  readonly capabilities = redisCapabilities;
  private readonly keys = new Set<string>();
  /** Per flow topic, its partitions' stream keys. */
  private readonly streams = new Map<string, string[]>();
  private readonly groups = new Map<string, Set<string>>();
  private readonly retention = new Map<string, TopicSpec['retention']>();
  private readonly readers: StreamReader[] = [];
  private readonly loops: Promise<void>[] = [];
  readonly timers = new Set<NodeJS.Timeout>();
  readonly out: Coalescer;
  private closed = false;
  readonly stopped = () => this.closed;
  private readonly lostListeners: Array<(error: BrokerUnavailableError) => void> = [];
  private lostWith: BrokerUnavailableError | undefined;

  constructor(
    readonly url: string,
    private readonly runId: string,
    readonly redis: Redis,
  ) {
    this.out = new Coalescer(redis, this.failed);
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
  readonly failed = (error: unknown): never => {
    const message = error instanceof Error ? error.message : String(error);
    if (/Connection is closed|Stream isn't writeable|ECONNRESET|EPIPE|ECONNREFUSED/i.test(message))
      this.lose('the connection was lost mid-run: is redis-server still running?', error);
    throw this.lostWith ?? error;
  };

  lose(fix: string, cause?: unknown): void {
    if (this.closed || this.lostWith) return;
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

  /** The stream of a topic's partition, its name made once per run rather than once per publication. */
  private streamOf(topic: string, partition: number): string {
    let keys = this.streams.get(topic);
    if (!keys) this.streams.set(topic, (keys = []));
    let key = keys[partition];
    if (key === undefined) {
      key = keys[partition] = streamKey(this.runId, topic, partition);
      this.keys.add(key);
    }
    return key;
  }

  publish(message: OutgoingMessage): Promise<BrokerLocation> {
    if (this.lostWith) return Promise.reject(this.lostWith);
    const key = this.streamOf(message.topic, message.partition);
    const retention = this.retention.get(message.topic);
    this.out.hold();
    // A view, not a copy: the body is not touched again until the command is written.
    const { body: raw, eventId } = message;
    const body = raw instanceof Buffer ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    const max = retention?.maxMessages;
    // A keyless event writes no `key` field: an empty one told a reader nothing and cost every delivery two
    // more reply buffers. The four shapes are written out: no arguments array is built per publication.
    const k = message.key;
    const added =
      max === undefined
        ? k === undefined
          ? this.redis.xadd(key, '*', 'eventId', eventId, 'body', body)
          : this.redis.xadd(key, '*', 'eventId', eventId, 'key', k, 'body', body)
        : k === undefined
          ? this.redis.xadd(key, 'MAXLEN', '=', max, '*', 'eventId', eventId, 'body', body)
          : this.redis.xadd(key, 'MAXLEN', '=', max, '*', 'eventId', eventId, 'key', k, 'body', body);
    // Anonymous handlers: a named closure per publication pays for its name under tsx (esbuild's keepNames).
    if (retention?.maxAgeMs === undefined) return added.then((id) => locationOf(key, id), this.failed);
    const maxAgeMs = retention.maxAgeMs;
    return added.then(async (id) => {
      await this.redis.xtrim(key, 'MINID', Date.now() - maxAgeMs);
      return locationOf(key, id);
    }, this.failed);
  }

  async subscribe(spec: SubscriptionSpec, onDelivery: (delivery: Delivery) => void): Promise<void> {
    const key = streamKey(this.runId, spec.topic, spec.partition);
    if (!this.groups.get(key)?.has(spec.group)) await this.declare([], [spec]);
    // XREADGROUP BLOCK holds its connection, so each instance reads on its own.
    const connection = this.redis.duplicate();
    connection.on('error', () => undefined);
    await connection.connect();
    this.watch(connection, `the reader of ${spec.instance}`);
    const reader = new StreamReader(this, connection, key, spec, onDelivery);
    this.readers.push(reader);
    this.loops.push(reader.run());
  }

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
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    // Disconnecting aborts a blocked XREADGROUP at once; the loops see `stopped` and return.
    for (const reader of this.readers) reader.stop();
    await Promise.allSettled(this.loops);
    if (!options.keep && this.keys.size > 0) await this.redis.del(...this.keys);
    await this.redis.quit();
  }
}

export const redisTransportFactory: TransportFactory = {
  kind: 'redis',
  async connect(url: string, runId: string): Promise<BrokerTransport> {
    const redis = await openRedis(url);
    return new RedisTransport(safeUrl(url), runId, redis);
  },
};
