import type { BrokerKind } from '@eventflow/shared';
import { mqttTransportFactory } from './mqtt/mqtt-transport.js';
import { natsTransportFactory } from './nats/nats-transport.js';
import { rabbitmqTransportFactory } from './rabbitmq/rabbitmq-transport.js';
import { redisTransportFactory } from './redis/redis-transport.js';
import type { TransportFactory } from './transport.js';

/** One transport per broker kind: adding a kind to `BROKER_KINDS` fails to compile until it has one here. */
export const TRANSPORTS: Readonly<Record<BrokerKind, TransportFactory>> = {
  nats: natsTransportFactory,
  redis: redisTransportFactory,
  rabbitmq: rabbitmqTransportFactory,
  mqtt: mqttTransportFactory,
};
