import type { BrokerKind } from '@eventflow/shared';
import { mqttCapabilities, mqttTransportFactory } from './mqtt/mqtt-transport.js';
import { natsCapabilities, natsTransportFactory } from './nats/nats-transport.js';
import { rabbitmqCapabilities } from './rabbitmq/capabilities.js';
import { rabbitmqTransportFactory } from './rabbitmq/rabbitmq-transport.js';
import { redisCapabilities, redisTransportFactory } from './redis/redis-transport.js';
import type { BrokerCapabilities, TransportFactory } from './transport.js';

/** One transport per broker kind: adding a kind to `BROKER_KINDS` fails to compile until it has one here. */
export const TRANSPORTS: Readonly<Record<BrokerKind, TransportFactory>> = {
  nats: natsTransportFactory,
  redis: redisTransportFactory,
  rabbitmq: rabbitmqTransportFactory,
  mqtt: mqttTransportFactory,
};

/** What each broker can and cannot do, for the runtime picker before any run connects. */
export const CAPABILITIES: Readonly<Record<BrokerKind, BrokerCapabilities>> = {
  nats: natsCapabilities,
  redis: redisCapabilities,
  rabbitmq: rabbitmqCapabilities,
  mqtt: mqttCapabilities,
};
