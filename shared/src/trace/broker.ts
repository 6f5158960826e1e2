import { z } from 'zod';
import { FlowEvent } from './event.js';

/** The real brokers a drawn flow can run on (`docs/engine-semantics.md`, "Broker runs"). */
export const BROKER_KINDS = ['nats', 'redis', 'rabbitmq', 'mqtt'] as const;
export const BrokerKind = z.enum(BROKER_KINDS);
export type BrokerKind = z.infer<typeof BrokerKind>;

/** Where a message lives on the broker, so a reader can find it with the broker's own tools. */
export const BrokerLocation = z.strictObject({
  broker: BrokerKind,
  /** Stream, key, queue or topic name as the broker knows it. */
  resource: z.string(),
  /** Broker sequence or message id (NATS stream seq, Redis entry id, AMQP message id, MQTT message id). */
  messageId: z.string(),
  /** Deliveries of this message so far, including this one (1 on first delivery). */
  deliveryCount: z.number().int().min(0),
});
export type BrokerLocation = z.infer<typeof BrokerLocation>;

/**
 * What a broker run puts on the wire: the CloudEvent plus the offset Eventflow gave it in its partition, so
 * hops of a broker run name partitions and offsets the way a simulated run does. Every delivery is parsed with
 * this before anything acts on it (a broker is an input from outside), unless its bytes are exactly the envelope
 * the run itself published at that place (server/src/brokers/runtime/sent.ts).
 */
export const BrokerEnvelope = z.strictObject({
  event: FlowEvent,
  offset: z.number().int().min(0),
});
export type BrokerEnvelope = z.infer<typeof BrokerEnvelope>;
