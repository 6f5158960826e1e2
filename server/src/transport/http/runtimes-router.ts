import { Router } from 'express';
import type { BrokerKind, RuntimeItem } from '@eventflow/shared';
import { displayUrl } from '../../brokers/broker-url.js';
import { CAPABILITIES } from '../../brokers/registry.js';
import type { ConfiguredBroker } from '../../runs/run-api.js';

const LABELS: Record<BrokerKind, string> = {
  nats: 'NATS JetStream',
  redis: 'Redis Streams',
  rabbitmq: 'RabbitMQ',
  mqtt: 'MQTT',
};

/** `GET /api/runtimes`: the simulator, then each broker the server was configured with (`EVENTFLOW_BROKERS`). */
export function runtimesRouter(brokers: readonly ConfiguredBroker[]): Router {
  const list: RuntimeItem[] = [
    { id: 'simulator', label: 'Simulator', limits: [] },
    ...brokers.map((b) => ({
      id: b.kind,
      label: LABELS[b.kind],
      address: displayUrl(b.url),
      limits: [
        'Wall time: no pause, step, speed or faults by hand; webhooks, outages, crashes and autoscaling stay in the simulator.',
        ...CAPABILITIES[b.kind].limits,
      ],
    })),
  ];
  const router = Router();
  router.get('/', (_req, res) => {
    res.json(list);
  });
  return router;
}
