/**
 * The seam between a broker run and one real broker. A broker runtime (server/src/brokers/runtime/) drives the
 * drawn flow through a BrokerTransport; each broker is one module behind this interface (nats/, redis/,
 * rabbitmq/, mqtt/). A transport moves bytes and acknowledgements only: what a node does with a delivery
 * (processing time, failure, retry decisions) is decided by Eventflow from the flow's seeded PRNG, so the same
 * decisions are made on every broker and in the simulator.
 */

import type { BrokerKind, BrokerLocation } from '@eventflow/shared';

export type { BrokerKind, BrokerLocation } from '@eventflow/shared';

/** What the broker can and cannot do, so the UI can say so when the user picks it (never silently different). */
export interface BrokerCapabilities {
  /** Per-key order within a partition survives redelivery. */
  readonly orderedPartitions: boolean;
  /** The broker redelivers a negatively acknowledged message after a delay it keeps (else the runtime re-publishes). */
  readonly delayedRedelivery: boolean;
  /** The broker counts deliveries of one message itself. */
  readonly deliveryCount: boolean;
  /** The broker de-duplicates publications by message id. */
  readonly publishDedup: boolean;
  /** Retention by count or age is enforced by the broker. */
  readonly retention: boolean;
  /**
   * Where the broker drops, unannounced, what a reader has not taken yet once that reader's queue is full (MQTT:
   * Mosquitto's max_queued_messages): the reason given to the `expired` hops inferred for those messages.
   */
  readonly dropsWhenFull?: string;
  /** Human sentences for what this broker lacks, shown next to the picker. */
  readonly limits: readonly string[];
}

export interface OutgoingMessage {
  /** Flow topic node id. */
  readonly topic: string;
  readonly partition: number;
  readonly key: string | undefined;
  /** The serialised event (CloudEvent JSON). */
  readonly body: Uint8Array;
  /** Eventflow's event id, used for broker-side de-duplication where the broker supports it. */
  readonly eventId: string;
}

export interface Delivery {
  readonly body: Uint8Array;
  readonly location: BrokerLocation;
  /** Settle the delivery as done. */
  ack(): Promise<void>;
  /** Ask for redelivery after delayMs (where the broker cannot delay, the transport emulates it and says so in capabilities). */
  nak(delayMs: number): Promise<void>;
}

export interface SubscriptionSpec {
  readonly topic: string;
  readonly partition: number;
  /** Consumer group: instances of one group compete, different groups each get every message (fan-out). */
  readonly group: string;
  /** Instance id within the group. */
  readonly instance: string;
}

export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
  readonly retention?: { readonly maxMessages?: number; readonly maxAgeMs?: number };
}

export interface BrokerTransport {
  readonly kind: BrokerKind;
  readonly url: string;
  readonly capabilities: BrokerCapabilities;
  /**
   * Create the run's resources, all namespaced by runId (e.g. `eventflow.<run>.<topic>`), and the group's durable
   * consumers/queues before anything is published, so nothing is lost to a subscription that does not exist yet.
   */
  declare(topics: readonly TopicSpec[], subscriptions: readonly SubscriptionSpec[]): Promise<void>;
  publish(message: OutgoingMessage): Promise<BrokerLocation>;
  /** Start delivering to one instance; resolves when the subscription is live. */
  subscribe(spec: SubscriptionSpec, onDelivery: (delivery: Delivery) => void): Promise<void>;
  /** Publish a given-up message to the run's dead-letter resource for that topic. */
  deadLetter(topic: string, body: Uint8Array, reason: string): Promise<BrokerLocation>;
  /** Broker-side figures for tests and the comparison view (stream info, XLEN/XPENDING, queue depth). */
  inspect(): Promise<Readonly<Record<string, number>>>;
  /** Remove every resource this run created (unless the user asked to keep them), then close. */
  close(options: { readonly keep: boolean }): Promise<void>;
  /**
   * Called once if the run loses the broker after connect (connection closed under it, consumer cancelled by the
   * broker), never on close(); calls made afterwards reject with the same error. Optional: transports that cannot
   * tell do not offer it.
   */
  onLost?(listener: (error: BrokerUnavailableError) => void): void;
}

/** A broker that is down, refuses auth or lacks a feature: names the broker, the address and the likely fix. */
export class BrokerUnavailableError extends Error {
  constructor(
    readonly kind: BrokerKind,
    readonly url: string,
    readonly fix: string,
    cause?: unknown,
  ) {
    super(`${kind} at ${url} is not usable: ${fix}`, { cause });
    this.name = 'BrokerUnavailableError';
  }
}

export interface TransportFactory {
  readonly kind: BrokerKind;
  /** Connect for one run; throws BrokerUnavailableError with a fix, never a raw client error. */
  connect(url: string, runId: string): Promise<BrokerTransport>;
}
