import type { Redis } from 'ioredis';
import type { BrokerLocation, Delivery, SubscriptionSpec } from '../transport.js';
import { InFlightWindow } from '../in-flight.js';
import type { Coalescer } from './coalesce.js';
import { AutoClaimReply, bodyOf, type Entry, PendingRange, ReadGroupReply } from './replies.js';

/** Bounded so a loop notices close() within this time even if the disconnect below were missed. */
const BLOCK_MS = 500;
/** Entries one instance reads at once and holds unsettled at most (the batch the bench's bare loop reads). */
export const READ_COUNT = 16;

/** What a reader shares with its transport: the main connection for acks and claims, and how to fail. */
export interface ReaderHost {
  readonly redis: Redis;
  readonly out: Coalescer;
  readonly stopped: () => boolean;
  /** Ends the run with this fix (the broker went, or refused the read). */
  lose(fix: string, cause?: unknown): void;
  /** A command's failure, named for the run; rethrows. */
  readonly failed: (error: unknown) => never;
  readonly timers: Set<NodeJS.Timeout>;
}

/**
 * One instance reading one stream in its group: XREADGROUP on its own connection (BLOCK holds it) while its
 * in-flight window has room, and XAUTOCLAIM for an entry it nak'd once the delay has passed, so a redelivery goes
 * to the same handler as the first delivery.
 */
export class StreamReader {
  private readonly window = new InFlightWindow(READ_COUNT);

  constructor(
    private readonly host: ReaderHost,
    private readonly reader: Redis,
    readonly key: string,
    private readonly spec: SubscriptionSpec,
    private readonly onDelivery: (d: Delivery) => void,
  ) {}

  /** The transport closes: a read waiting for room returns, and the reader's connection goes. */
  stop(): void {
    this.window.stop();
    this.reader.disconnect();
  }

  async run(): Promise<void> {
    const { host, key, spec } = this;
    while (!host.stopped()) {
      const room = await this.window.room();
      if (host.stopped() || room === 0) return;
      let raw: unknown;
      try {
        raw = await this.reader.callBuffer(
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
        if (!host.stopped())
          host.lose(
            `a read of ${key} failed (${error instanceof Error ? error.message : String(error)})`,
            error,
          );
        return;
      }
      for (const [, entries] of ReadGroupReply.parse(raw) ?? []) {
        for (const entry of entries) this.onDelivery(this.delivery(entry, 1));
      }
    }
  }

  private delivery(entry: Entry, deliveryCount: number): Delivery {
    this.window.hold();
    return new StreamDelivery(this, entry[0].toString(), bodyOf(entry), deliveryCount);
  }

  /** A delivery was settled: its place in the window frees, and an ack goes with the others of its stretch. */
  settled(id: string, nakDelayMs: number | undefined): Promise<void> {
    this.window.release();
    if (nakDelayMs === undefined) return this.host.out.ack(this.key, this.spec.group, id);
    // The entry stays in the PEL; once idle for the delay it is claimed back for this instance.
    // XAUTOCLAIM takes whole ms: a fractional delay (a run at --speed) is rounded up.
    this.reclaimLater(id, Math.ceil(nakDelayMs), 0);
    return Promise.resolve();
  }

  /**
   * Claims the entry back once its delay has passed. Redis measures idle time from the last delivery in whole
   * ms on its own clock, so a claim that finds the entry not idle enough yet is tried again shortly, not dropped.
   */
  private reclaimLater(id: string, delayMs: number, tries: number): void {
    const { host } = this;
    const timer = setTimeout(
      () => {
        host.timers.delete(timer);
        this.reclaim(id, delayMs).then(
          (claimed) => {
            if (!claimed && !host.stopped() && tries < 50) this.reclaimLater(id, delayMs, tries + 1);
          },
          (error: unknown) => {
            if (!host.stopped()) host.lose(`a claim on ${this.key} failed`, error);
          },
        );
      },
      tries === 0 ? delayMs : 5,
    );
    host.timers.add(timer);
  }

  /** XAUTOCLAIM from the entry's own id with min-idle = the delay: it claims exactly this entry, now overdue. */
  private async reclaim(id: string, delayMs: number): Promise<boolean> {
    const { host, key, spec } = this;
    if (host.stopped()) return true;
    const raw = await host.redis.callBuffer(
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
      const pending = PendingRange.parse(await host.redis.xpending(key, spec.group, entryId, entryId, 1));
      // A claimed entry counts against the window as a first delivery does.
      this.onDelivery(this.delivery(entry, pending[0]?.[3] ?? 1));
    }
    return entries.length > 0;
  }
}

/**
 * One entry handed to an instance, holding a place in its reader's window until it is settled (once, however
 * often it is settled). A class, not an object of closures: a run makes one per delivery.
 */
class StreamDelivery implements Delivery {
  private done = false;
  readonly location: BrokerLocation;
  constructor(
    private readonly from: StreamReader,
    private readonly id: string,
    readonly body: Uint8Array,
    deliveryCount: number,
  ) {
    this.location = { broker: 'redis', resource: from.key, messageId: id, deliveryCount };
  }
  ack(): Promise<void> {
    return this.settle(undefined);
  }
  nak(delayMs: number): Promise<void> {
    return this.settle(delayMs);
  }
  private settle(nakDelayMs: number | undefined): Promise<void> {
    if (this.done) return Promise.resolve();
    this.done = true;
    return this.from.settled(this.id, nakDelayMs);
  }
}
