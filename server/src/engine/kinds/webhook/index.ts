import { ok } from '@eventflow/shared';
import { consumer } from '../consumer/index.js';
import { wakeAt } from '../consumer/fetch.js';
import { assignPartitions, ensureInstances } from '../consumer/instances.js';
import type { EngineKind } from '../kind.js';
import { receivesNothing } from '../kind.js';
import { asConsumerConfig, endpointOf } from './endpoint.js';

/**
 * HTTP delivery to a modelled endpoint: a subscriber like a consumer (a group of its own, fed by its
 * subscriptions, never by `route`) whose attempts are answered by a status drawn from the seeded PRNG.
 */
export const webhook: EngineKind<'webhook'> = {
  compile(s, i, n, { topo, nodeIndex, edgeIndex, groupOf }) {
    const dlq = topo.deadLetter.get(n.id);
    const config = asConsumerConfig(n.config);
    s.consumers[i] = {
      node: i,
      config,
      group: groupOf(topo.groupOf(n.id)),
      instances: [],
      paths: new Map(),
      dlq: dlq ? { topic: nodeIndex.get(dlq.topic)!, edge: edgeIndex.get(dlq.edge)! } : undefined,
      calls: [],
      emits: [],
      emitsReadEnvelope: false,
      // A webhook emits nothing, so it has no compensation either.
      onGiveUp: [],
      onGiveUpReadsEnvelope: false,
      endpoint: endpointOf(n.config),
      // No membership: a webhook has no outages, crashes or autoscaling (its failures are its status mix).
      active: config.instances,
      held: false,
      outages: 0,
      scale: undefined,
    };
  },
  applyConfig(s, i, config) {
    const c = s.consumers[i]!;
    c.config = asConsumerConfig(config);
    c.endpoint = endpointOf(config);
    c.active = c.config.instances;
    ensureInstances(s, c);
    assignPartitions(s);
    for (const inst of s.instances) if (!inst.busy) wakeAt(s, inst, s.now);
    return ok(null);
  },
  receive: receivesNothing,
  // The same figures as a consumer's: deliveries, acks, failed attempts, drops and dead letters.
  stats: (s, i) => consumer.stats(s, i),
  metrics: (s, i, m) => consumer.metrics!(s, i, m),
  latency: true,
};
