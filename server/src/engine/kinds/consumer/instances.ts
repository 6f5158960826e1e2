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

/** Creates instances up to the consumer's configured count (instances are never removed, only left idle). */
export function ensureInstances(s: State, c: RtConsumer) {
  while (c.instances.length < c.config.instances) {
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
    });
    c.instances.push(index);
  }
}

/**
 * Range-free round-robin assignment per subscription: partition p goes to member instance p mod n, members
 * ordered by consumer id then instance. With more instances than partitions the extra ones stay idle.
 */
export function assignPartitions(s: State) {
  for (const inst of s.instances) inst.owned = [];
  for (const sub of s.subs) {
    const members: number[] = [];
    for (const c of s.consumers) {
      if (!c || !c.paths.has(sub.index)) continue;
      members.push(...c.instances.slice(0, c.config.instances));
    }
    members.forEach((m, ordinal) => (s.instances[m]!.ordinal = ordinal));
    for (let p = 0; p < sub.owner.length; p++) {
      const owner = members.length ? members[p % members.length]! : -1;
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
