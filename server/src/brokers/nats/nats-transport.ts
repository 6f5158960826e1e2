import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import {
  AckPolicy,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import {
  BrokerUnavailableError,
  type BrokerCapabilities,
  type BrokerLocation,
  type BrokerTransport,
  type OutgoingMessage,
  type SubscriptionSpec,
  type TopicSpec,
  type TransportFactory,
} from '../transport.js';
import { safeUrl } from '../broker-url.js';
import { dlqStream, dlqSubject, durableName, streamName, subjectFor } from './names.js';
import { InFlightWindow } from '../in-flight.js';

const CONNECT_TIMEOUT_MS = 2000;
/** Messages a pull consumer asks for at once (the batch the bench's bare loop takes too). */
const PULL_BATCH = 16;

export const natsCapabilities: BrokerCapabilities = {
  orderedPartitions: true,
  delayedRedelivery: true,
  deliveryCount: true,
  publishDedup: true,
  retention: true,
  limits: [
    'De-duplication by event id holds only within the stream duplicate window (2 minutes by default).',
    'Order within a partition holds per consumer; competing instances of one group may process out of order.',
  ],
};

function hostOf(url: string): string {
  return url.replace(/^nats:\/\//, '');
}

/** Turn a raw client failure into a fix the user can act on. */
function unavailable(url: string, err: unknown): BrokerUnavailableError {
  const text = err instanceof Error ? `${err.name} ${err.message}` : String(err);
  if (/auth|authoriz/i.test(text)) {
    return new BrokerUnavailableError(
      'nats',
      url,
      'authentication failed: check the user, password or token in the URL',
      err,
    );
  }
  if (/jetstream/i.test(text) || /503|no responders/i.test(text)) {
    return new BrokerUnavailableError('nats', url, 'enable JetStream (-js) on the server', err);
  }
  return new BrokerUnavailableError(
    'nats',
    url,
    'the server is not answering: start it with `nats-server -js`',
    err,
  );
}

class NatsTransport implements BrokerTransport {
  readonly kind = 'nats' as const;
  readonly capabilities = natsCapabilities;
  private readonly streams = new Set<string>();
  private readonly consumers = new Map<string, { stream: string; durable: string }>();
  private readonly stops: Array<() => void> = [];
  /** One client for the run: making one per publication costs more than the publication. */
  private readonly js: JetStreamClient;
  private closing = false;
  private readonly lostListeners: Array<(error: BrokerUnavailableError) => void> = [];
  private lostWith: BrokerUnavailableError | undefined;

  constructor(
    readonly url: string,
    private readonly runId: string,
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
  ) {
    this.js = jetstream(nc);
    // Reconnects are off (connect below): a connection that closes before close() is the server gone.
    void nc.closed().then((error) => this.lose(error ?? new Error('the server closed the connection')));
  }

  onLost(listener: (error: BrokerUnavailableError) => void): void {
    this.lostListeners.push(listener);
    const lost = this.lostWith;
    if (lost) queueMicrotask(() => listener(lost));
  }

  private lose(cause: unknown): void {
    if (this.closing || this.lostWith) return;
    const why = cause instanceof Error ? cause.message : String(cause);
    this.lostWith = new BrokerUnavailableError(
      'nats',
      this.url,
      `the connection was lost mid-run (${why}): check that nats-server is still running`,
      cause,
    );
    for (const listener of this.lostListeners) listener(this.lostWith);
  }

  /**
   * A call that failed because the connection went says so with the fix, not the client's "connection closed"
   * (its rejection can come before closed() settles).
   */
  private readonly failed = (error: unknown): never => {
    if (this.nc.isClosed() || /connection closed|disconnect/i.test(String(error))) this.lose(error);
    throw this.lostWith ?? error;
  };

  private async ensureStream(
    name: string,
    subjects: string[],
    retention?: TopicSpec['retention'],
  ): Promise<void> {
    await this.jsm.streams.add({
      name,
      subjects,
      ...(retention?.maxMessages !== undefined ? { max_msgs: retention.maxMessages } : {}),
      // JetStream counts max_age in nanoseconds.
      ...(retention?.maxAgeMs !== undefined ? { max_age: retention.maxAgeMs * 1_000_000 } : {}),
    });
    this.streams.add(name);
  }

  async declare(topics: readonly TopicSpec[], subscriptions: readonly SubscriptionSpec[]): Promise<void> {
    for (const t of topics) {
      const subjects = Array.from({ length: t.partitions }, (_, p) => subjectFor(this.runId, t.topic, p));
      await this.ensureStream(streamName(this.runId, t.topic), subjects, t.retention);
    }
    await this.ensureStream(dlqStream(this.runId), [dlqSubject(this.runId, '*')]);
    for (const s of subscriptions) {
      const stream = streamName(this.runId, s.topic);
      const durable = durableName(s.group, s.topic, s.partition);
      if (this.consumers.has(`${stream}/${durable}`)) continue;
      await this.jsm.consumers.add(stream, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        filter_subject: subjectFor(this.runId, s.topic, s.partition),
      });
      this.consumers.set(`${stream}/${durable}`, { stream, durable });
    }
  }

  /** An ack or nak on a connection that went throws at once: it fails with the run's reason instead. */
  private settle(send: () => void): void {
    if (this.lostWith) throw this.lostWith;
    try {
      send();
    } catch (error) {
      this.failed(error);
    }
  }

  async publish(message: OutgoingMessage): Promise<BrokerLocation> {
    if (this.lostWith) throw this.lostWith;
    const ack = await this.js
      .publish(subjectFor(this.runId, message.topic, message.partition), message.body, {
        msgID: message.eventId,
      })
      .catch(this.failed);
    return { broker: 'nats', resource: ack.stream, messageId: String(ack.seq), deliveryCount: 0 };
  }

  async subscribe(
    spec: SubscriptionSpec,
    onDelivery: Parameters<BrokerTransport['subscribe']>[1],
  ): Promise<void> {
    const stream = streamName(this.runId, spec.topic);
    const consumer = await this.js.consumers.get(stream, durableName(spec.group, spec.topic, spec.partition));
    const messages = await consumer.consume({ max_messages: PULL_BATCH });
    // The iterator holds what the server pushed; taking from it only while the window has room keeps the pull
    // (and so the stream's retention) in step with what the instance has settled.
    const window = new InFlightWindow(PULL_BATCH);
    this.stops.push(() => {
      window.stop();
      void messages.stop();
    });
    void (async () => {
      for await (const m of messages) {
        if ((await window.room()) === 0) return;
        const release = window.take();
        onDelivery({
          body: m.data,
          location: {
            broker: 'nats',
            resource: stream,
            messageId: String(m.seq),
            deliveryCount: m.info.deliveryCount,
          },
          // A plain ack, not ackAck: the runtime acks only after processing, and an ack the server never gets
          // ends in a redelivery after ack_wait, which is at-least-once as the flow asks. Waiting for the
          // server's confirmation would add a round trip to every message. inspect() flushes them.
          ack: async () => {
            release();
            this.settle(() => m.ack());
            await Promise.resolve();
          },
          nak: async (delayMs: number) => {
            release();
            this.settle(() => m.nak(delayMs));
            await Promise.resolve();
          },
        });
      }
    })();
  }

  async deadLetter(topic: string, body: Uint8Array, reason: string): Promise<BrokerLocation> {
    const h = headers();
    h.set('Eventflow-Reason', reason);
    h.set('Eventflow-Topic', topic);
    const ack = await this.js.publish(dlqSubject(this.runId, topic), body, { headers: h }).catch(this.failed);
    return { broker: 'nats', resource: ack.stream, messageId: String(ack.seq), deliveryCount: 0 };
  }

  async inspect(): Promise<Readonly<Record<string, number>>> {
    // Acks are sent without waiting (above): the server has them all once a flush comes back.
    await this.nc.flush();
    const out: Record<string, number> = {};
    for (const name of this.streams) {
      const info = await this.jsm.streams.info(name);
      out[`${name}.messages`] = info.state.messages;
    }
    for (const { stream, durable } of this.consumers.values()) {
      const info = await this.jsm.consumers.info(stream, durable);
      out[`${stream}/${durable}.pending`] = info.num_pending;
      out[`${stream}/${durable}.ackPending`] = info.num_ack_pending;
    }
    return out;
  }

  async close(options: { readonly keep: boolean }): Promise<void> {
    this.closing = true;
    for (const stop of this.stops) stop();
    if (!options.keep) {
      for (const name of this.streams) await this.jsm.streams.delete(name);
    }
    await this.nc.drain();
  }
}

export const natsTransportFactory: TransportFactory = {
  kind: 'nats',
  async connect(url: string, runId: string): Promise<BrokerTransport> {
    let nc: NatsConnection;
    try {
      nc = await connect({ servers: hostOf(url), timeout: CONNECT_TIMEOUT_MS, maxReconnectAttempts: 0 });
    } catch (err) {
      throw unavailable(safeUrl(url), err);
    }
    try {
      // Asking for account info fails fast when the server runs without JetStream.
      const jsm = await jetstreamManager(nc, { timeout: CONNECT_TIMEOUT_MS });
      return new NatsTransport(safeUrl(url), runId, nc, jsm);
    } catch (err) {
      await nc.close();
      throw unavailable(safeUrl(url), err);
    }
  },
};
