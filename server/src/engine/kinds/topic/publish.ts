import { armScale } from '../consumer/autoscale.js';
import { H } from '../../hop-codes.js';
import { hop, settle, TASK, type Ctx } from '../../ctx.js';
import { reasonCode, type RtTopic } from '../../state.js';
import { wakeAt } from '../consumer/fetch.js';
import { feedProjection } from '../projection/topic-feed.js';

/** Appends an event to a topic partition and makes it due for every subscription of the topic. */
export function publish(s: Ctx, event: number, topic: RtTopic, edge: number) {
  const parts = topic.logs.length;
  const partition = s.events.keyId(event) < 0 ? topic.roundRobin++ % parts : s.events.keyHash(event) % parts;
  const log = topic.logs[partition]!;
  expireByAge(s, topic, partition);
  if (log.full) compactLog(s, topic, partition);
  const offset = log.append(event, s.now, s.now + topic.config.latencyMs);
  if (topic.config.retention.maxAgeMs !== undefined) scheduleExpiry(s, topic, partition);
  hop(s, H.published, event, topic.node, edge, -1, -1, partition, offset);
  s.counters.nodeIn[topic.node]!++;
  const subs = topic.subs;
  s.counters.expected += subs.length;
  s.events.ref(event, subs.length);
  const max = topic.config.retention.maxEvents;
  if (max !== undefined && log.end - log.start > max)
    expireHead(s, topic, partition, `retention: only the newest ${max} events per partition are kept`);
  // Projections subscribed to the topic: each is a group of its own, fed every publication.
  for (let i = 0; i < topic.feeds.length; i++)
    feedProjection(s, s.projections[topic.feeds[i]!]!, event, topic.config.latencyMs);
  for (let i = 0; i < subs.length; i++) {
    const sub = s.subs[subs[i]!]!;
    s.groups[sub.group]!.counts.expected++;
    const owner = sub.owner[partition]!;
    if (owner >= 0) wakeAt(s, s.instances[owner]!, log.availableAt(offset));
    for (let j = 0; j < sub.scaled.length; j++) armScale(s, s.consumers[sub.scaled[j]!]!);
  }
}

/** Removes the oldest retained entry; every group that had not fetched it loses it (`expired`). */
/**
 * Frees the head of a partition's buffer that nothing can read again: entries every group has read past whose
 * events have left the event table (a rewind skips those, the topic view hides them). A topic with retention
 * keeps everything from its retained start, which expiry still reads.
 */
function compactLog(s: Ctx, topic: RtTopic, partition: number) {
  const log = topic.logs[partition]!;
  let cut = log.end;
  for (let i = 0; i < topic.subs.length; i++) cut = Math.min(cut, s.subs[topic.subs[i]!]!.next[partition]!);
  const r = topic.config.retention;
  if (r.maxAgeMs !== undefined || r.maxEvents !== undefined) cut = Math.min(cut, log.start);
  let o = log.bufferStart;
  while (o < cut && !s.events.has(log.eventAt(o))) o++;
  log.compactTo(o);
}

function expireHead(s: Ctx, topic: RtTopic, partition: number, reason: string) {
  const log = topic.logs[partition]!;
  const offset = log.start;
  const event = log.eventAt(offset);
  for (const subIndex of topic.subs) {
    const sub = s.subs[subIndex]!;
    if (sub.next[partition]! > offset) continue;
    hop(s, H.expired, event, topic.node, -1, sub.group, -1, partition, offset, 0, reasonCode(s, reason));
    s.counters.expired++;
    s.groups[sub.group]!.counts.expired++;
    s.counters.nodeExpired[topic.node]!++;
    settle(s, event);
    sub.next[partition] = offset + 1;
  }
  log.start++;
}

/** Age retention is eager: one task per partition fires when its oldest entry reaches the age limit. */
export function scheduleExpiry(s: Ctx, topic: RtTopic, partition: number) {
  const maxAge = topic.config.retention.maxAgeMs;
  const log = topic.logs[partition]!;
  if (maxAge === undefined || topic.expiryPending[partition] || log.start >= log.end) return;
  topic.expiryPending[partition] = true;
  s.sched.push(log.publishedAt(log.start) + maxAge, TASK.expire, topic.partitionIds[partition]!, 0);
}

export function onExpire(s: Ctx, partitionId: number) {
  const { topic: t, partition } = s.partitions[partitionId]!;
  const topic = s.topics[t]!;
  topic.expiryPending[partition] = false;
  expireByAge(s, topic, partition);
  scheduleExpiry(s, topic, partition);
}

export function expireByAge(s: Ctx, topic: RtTopic, partition: number) {
  const maxAge = topic.config.retention.maxAgeMs;
  if (maxAge === undefined) return;
  const log = topic.logs[partition]!;
  while (log.start < log.end && log.publishedAt(log.start) + maxAge <= s.now) {
    expireHead(s, topic, partition, `retention: older than ${maxAge} ms`);
  }
}
