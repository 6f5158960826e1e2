import type { ConfigOf } from '@eventflow/shared';
import { wasDelivered } from './consume.js';
import { record, type RunCtx } from './ctx.js';
import { traceOf } from './publish-path.js';

/** Whether the broker is asked to remove this topic's messages by count or age. */
export const retains = (t: ConfigOf<'topic'>) =>
  t.retention.maxEvents !== undefined || t.retention.maxAgeMs !== undefined;

const limitOf = (t: ConfigOf<'topic'>) =>
  [
    t.retention.maxEvents !== undefined ? `newest ${t.retention.maxEvents} per partition` : undefined,
    t.retention.maxAgeMs !== undefined ? `${t.retention.maxAgeMs} ms` : undefined,
  ]
    .filter(Boolean)
    .join(', ');

/**
 * Brokers remove retained messages without telling their readers: Redis trims the stream (MAXLEN, MINID), JetStream
 * drops by max_msgs/max_age, RabbitMQ by x-max-length/x-message-ttl. So once a run has gone quiet with pairs owed,
 * every publication on a topic with retention that a group was never handed is recorded as `expired` for that
 * group, as the simulator records what its retention removes, with the reason saying it was inferred. A pair that
 * was delivered and is still owed an outcome (a retry the broker trimmed) stays in flight: the run ends `stalled`.
 * A broker that keeps no retention but bounds each reader's queue (Mosquitto) drops the same way once the queue is
 * full, on any topic: what it never handed over is recorded `expired` with its `dropsWhenFull` reason.
 * Returns how many were recorded.
 */
export function expireTrimmed(c: RunCtx): number {
  const { retention, dropsWhenFull } = c.transport.capabilities;
  if (!retention && !dropsWhenFull) return 0;
  const broker = c.transport.kind;
  let expired = 0;
  for (const [topic, state] of c.topicState) {
    const config = c.plan.topics.get(topic)!;
    if (!state.ids) continue;
    const reason = retention
      ? `never delivered: ${broker}'s retention (${limitOf(config)}) removed it unread`
      : `never delivered: ${dropsWhenFull}`;
    for (const sub of c.plan.topology.subscriptions.get(topic) ?? [])
      state.ids.forEach((ids, partition) =>
        ids.forEach((id, offset) => {
          if (wasDelivered(c, sub.group, topic, partition, offset)) return;
          const event = c.events.get(id)?.event;
          if (!event) return;
          record(c, {
            seq: 0,
            t: 0,
            type: 'expired',
            event: id,
            trace: traceOf(event),
            node: topic,
            group: sub.group,
            partition,
            offset,
            reason,
          });
          c.accounted++;
          expired++;
        }),
      );
  }
  return expired;
}
