import type { ConsumerConfig } from '@eventflow/shared';
import { readsEnvelope } from '../../event-view.js';
import { compileOrThrow, intern, type CompiledEmit, type RtConsumer, type State } from '../../state.js';

/** A consumer's emits compiled, with their event types interned. */
export function emitsOf(
  s: State,
  config: ConsumerConfig,
  where: string,
  field: 'emits' | 'emitsOnGiveUp' = 'emits',
): CompiledEmit[] {
  return (config[field] ?? []).map((e, j) => ({
    type: intern(s.typeNames, s.typeIndex, e.eventType),
    payload: e.payload ? compileOrThrow(e.payload, 'emit', `${where}.${field}[${j}].payload`) : undefined,
  }));
}

/** How many instances the config asks for: its count, held within the autoscaling range when there is one. */
export const configuredInstances = (config: ConsumerConfig): number =>
  config.autoscale
    ? Math.min(config.autoscale.max, Math.max(config.autoscale.min, config.instances))
    : config.instances;

/** Whether an instance is down: held or in an outage, itself or its whole consumer. */
export const isDown = (c: RtConsumer, held: boolean, outages: number): boolean =>
  held || outages > 0 || c.held || c.outages > 0;

/** Creates instances up to the consumer's active count (instances are never removed, only left idle). */
export function ensureInstances(s: State, c: RtConsumer) {
  while (c.instances.length < c.active) {
    const index = s.instances.length;
    s.instances.push({
      index,
      consumer: c.node,
      ordinal: 0,
      owned: [],
      busy: false,
      current: undefined,
      retries: [],
      wakeAt: Infinity,
      gen: 0,
      processing: false,
      held: false,
      outages: 0,
      down: isDown(c, false, 0),
      retiring: false,
      deliveries: 0,
      call: 0,
    });
    c.instances.push(index);
  }
}

/**
 * Range-free round-robin assignment per subscription: partition p goes to the (p mod n)th member instance
 * that is up, members ordered by consumer id then instance. With more instances than partitions the extra
 * ones stay idle; with none up, the partition has no owner and its entries wait. Ordinals count every member,
 * up or down, so an instance keeps its number through an outage.
 */
export function assignPartitions(s: State) {
  for (const inst of s.instances) inst.owned = [];
  for (const sub of s.subs) {
    const members: number[] = [];
    for (const c of s.consumers) {
      if (!c || !c.paths.has(sub.index)) continue;
      members.push(...c.instances.slice(0, c.active));
    }
    members.forEach((m, ordinal) => (s.instances[m]!.ordinal = ordinal));
    const up = members.filter((m) => !s.instances[m]!.down);
    for (let p = 0; p < sub.owner.length; p++) {
      const owner = up.length ? up[p % up.length]! : -1;
      sub.owner[p] = owner;
      if (owner < 0) continue;
      const inst = s.instances[owner]!;
      const topic = s.topics[sub.topic]!;
      inst.owned.push({
        sub: sub.index,
        partition: p,
        rtSub: sub,
        topic,
        log: topic.logs[p]!,
        aged: topic.config.retention.maxAgeMs !== undefined,
        paths: s.consumers[inst.consumer]!.paths.get(sub.index)!,
      });
    }
  }
}

/** Whether any emit payload reads the CloudEvent envelope (decided once, at compile). */
export const emitsReadEnvelope = (
  config: ConsumerConfig,
  field: 'emits' | 'emitsOnGiveUp' = 'emits',
): boolean => (config[field] ?? []).some((e) => e.payload !== undefined && readsEnvelope(e.payload));
