import type { BrokerCapabilities } from '../transport.js';

export const rabbitmqCapabilities: BrokerCapabilities = {
  // A nak'ed message comes back at the tail of its queue, behind later ones.
  orderedPartitions: false,
  // Emulated with broker resources, not an Eventflow timer: see the first limit.
  delayedRedelivery: true,
  deliveryCount: true,
  publishDedup: false,
  retention: true,
  limits: [
    'RabbitMQ has no delayed nack: a nak re-publishes the message to a per-run retry queue whose TTL is the delay and whose dead-letter route leads back to the group’s queue, then acks the original; the wait is kept by the broker.',
    'Delivery counts are the quorum queue’s x-delivery-count; across a delayed retry (a new copy of the message) Eventflow carries the count in the x-eventflow-deliveries header.',
    'A redelivered message goes to the tail of its queue: per-key order within a partition is not kept across redelivery.',
    'A publication to a partition no group is bound to is dropped by the exchange, as AMQP does.',
    'No publish de-duplication: exactly-once needs Eventflow’s idempotency record.',
  ],
};
