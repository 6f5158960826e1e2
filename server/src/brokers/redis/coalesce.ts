import type { Redis } from 'ioredis';

/**
 * What one synchronous stretch of the run sends on a connection, sent together: the commands in one socket write
 * (the producer publishes up to 128 events per turn; an instance settles a whole read batch in one go), and the
 * acks of one stream and group in one multi-id XACK. Nothing waits longer than the end of the current stretch
 * (a microtask), so an ack still goes out right after the processing it follows: at-least-once is unchanged, and a
 * lost XACK is a redelivery as before. The bench's bare Redis loop sends the same way (bench/brokers/bare-redis.ts).
 */
export class Coalescer {
  private corked = false;
  private readonly acks = new Map<string, AckBatch>();

  /**
   * `failed` maps a failed XACK to what its callers see, once per batch: every ack of the batch shares one
   * promise instead of each chaining its own.
   */
  constructor(
    private readonly redis: Redis,
    private readonly failed?: (error: unknown) => never,
  ) {}

  /** Holds the connection's writes until the current stretch ends; call before issuing a command. */
  hold(): void {
    if (this.corked) return;
    this.corked = true;
    this.redis.stream.cork();
    queueMicrotask(this.release);
  }

  private readonly release = () => {
    this.corked = false;
    this.redis.stream.uncork();
  };

  /** XACKs the id together with the other acks of its stream and group in this stretch. */
  ack(key: string, group: string, id: string): Promise<void> {
    const batchKey = `${key}\n${group}`;
    let batch = this.acks.get(batchKey);
    if (!batch) {
      batch = new AckBatch(key, group);
      this.acks.set(batchKey, batch);
      const flushing = batch;
      queueMicrotask(() => {
        this.acks.delete(batchKey);
        this.hold();
        flushing.send(this.redis, this.failed);
      });
    }
    batch.ids.push(id);
    return batch.done;
  }
}

class AckBatch {
  readonly ids: string[] = [];
  readonly done: Promise<void>;
  private settle: (sent: Promise<void>) => void = () => undefined;

  constructor(
    readonly key: string,
    readonly group: string,
  ) {
    this.done = new Promise<void>((resolve) => (this.settle = resolve));
  }

  send(redis: Redis, failed: ((error: unknown) => never) | undefined): void {
    this.settle(redis.xack(this.key, this.group, ...this.ids).then(() => undefined, failed));
  }
}
