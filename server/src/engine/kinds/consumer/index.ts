import { fail, ok } from '@eventflow/shared';
import type { EngineKind } from '../kind.js';
import { receivesNothing } from '../kind.js';
import { serviceLoad } from './calls.js';
import { wakeAt } from './fetch.js';
import {
  assignPartitions,
  configuredInstances,
  emitsOf,
  emitsReadEnvelope,
  ensureInstances,
} from './instances.js';
import { scheduleOutages } from './membership.js';

/**
 * A consumer group member: it is fed by its subscriptions (instances pull from owned partitions), never by
 * `route`, so it receives nothing directly; it publishes what it emits and what it dead-letters.
 */
export const consumer: EngineKind<'consumer'> = {
  compile(s, i, n, { topo, nodeIndex, edgeIndex, groupOf, where }) {
    const dlq = topo.deadLetter.get(n.id);
    s.consumers[i] = {
      node: i,
      config: n.config,
      group: groupOf(topo.groupOf(n.id)),
      instances: [],
      paths: new Map(),
      dlq: dlq ? { topic: nodeIndex.get(dlq.topic)!, edge: edgeIndex.get(dlq.edge)! } : undefined,
      calls: [],
      emits: emitsOf(s, n.config, where),
      emitsReadEnvelope: emitsReadEnvelope(n.config),
      onGiveUp: emitsOf(s, n.config, where, 'emitsOnGiveUp'),
      onGiveUpReadsEnvelope: emitsReadEnvelope(n.config, 'emitsOnGiveUp'),
      active: configuredInstances(n.config),
      held: false,
      outages: 0,
      scale: n.config.autoscale ? { lastAt: -Infinity, pending: false, retireReason: '' } : undefined,
    };
  },
  start(s, i) {
    scheduleOutages(s, s.consumers[i]!);
  },
  applyConfig(s, i, config) {
    const c = s.consumers[i]!;
    const id = s.nodeIds[i]!;
    if ((config.group ?? id) !== (c.config.group ?? id))
      return fail(
        'invalid-payload',
        'config.group: cannot change while the flow runs; reset the run instead',
      );
    c.emits = emitsOf(s, config, 'config');
    c.emitsReadEnvelope = emitsReadEnvelope(config);
    c.onGiveUp = emitsOf(s, config, 'config', 'emitsOnGiveUp');
    c.onGiveUpReadsEnvelope = emitsReadEnvelope(config, 'emitsOnGiveUp');
    c.config = config;
    c.readers = undefined; // its reads and upcasters may have changed
    const a = config.autoscale;
    c.active = a ? Math.min(a.max, Math.max(a.min, c.active)) : config.instances;
    c.scale = a ? (c.scale ?? { lastAt: -Infinity, pending: false, retireReason: '' }) : undefined;
    for (const sub of s.subs)
      sub.scaled = s.consumers.filter((k) => k?.scale && k.paths.has(sub.index)).map((k) => k!.node);
    ensureInstances(s, c);
    assignPartitions(s);
    for (const inst of s.instances) if (!inst.busy) wakeAt(s, inst, s.now);
    return ok(null);
  },
  receive: receivesNothing,
  stats: (s, i) => {
    const c = s.counters;
    return {
      in: c.nodeIn[i]!,
      out: c.nodeOut[i]!,
      acked: c.nodeAcked[i]!,
      failed: c.nodeFailed[i]!,
      dropped: c.nodeDropped[i]!,
      deadLettered: c.nodeDeadLettered[i]!,
      duplicatesSkipped: c.nodeSkipped[i]!,
    };
  },
  metrics(s, i, m) {
    const consumer = s.consumers[i]!;
    const svc = s.services[i];
    if (svc) {
      // A service's instances answer calls, not partitions: busy ones are serving, the queue is in flight.
      const load = serviceLoad(s, svc);
      m.instances = consumer.instances
        .slice(0, consumer.active)
        .map((_, k) => ({ busy: k < load.serving, partitions: [] }));
      m.inFlight = load.serving + load.queued;
      m.acked = s.counters.nodeAcked[i]!;
      m.dropped = 0;
      m.deadLettered = 0;
      return;
    }
    m.instances = consumer.instances.slice(0, consumer.active).map((k) => {
      const inst = s.instances[k]!;
      const partitions = inst.owned.map((o) => o.partition);
      return inst.down ? { busy: false, partitions, down: true } : { busy: inst.busy, partitions };
    });
    m.inFlight = consumer.instances.reduce(
      (a, k) => a + (s.instances[k]!.current ? 1 : 0) + s.instances[k]!.retries.length,
      0,
    );
    m.acked = s.counters.nodeAcked[i]!;
    m.dropped = s.counters.nodeDropped[i]!;
    m.deadLettered = s.counters.nodeDeadLettered[i]!;
  },
  latency: true,
};
