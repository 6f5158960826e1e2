import type { TopicEntry, TopicGroupView, TopicPartitionView, TopicView } from '@eventflow/shared';
import type { Ctx } from './ctx.js';
import { eventIdOf } from './event-view.js';
import type { PartitionLog } from './partition-log.js';
import type { RtTopic } from './model.js';

/** Which entries of a topic to list; offsets are absolute, `limit` is per partition. */
export interface TopicQuery {
  partition?: number;
  fromOffset?: number;
  limit: number;
}

/**
 * First offset of `log` published at or after `t` (simulated ms), or `log.end` when none is. Entries are
 * appended at the engine's clock, which never goes back, so publish times rise with the offset and a
 * binary search over the retained window finds it.
 */
export function offsetAtTime(log: PartitionLog, t: number): number {
  let lo = log.oldest;
  let hi = log.end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (log.publishedAt(mid) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function entriesOf(s: Ctx, log: PartitionLog, q: TopicQuery): TopicEntry[] {
  const from = q.fromOffset === undefined ? log.end - q.limit : q.fromOffset;
  const out: TopicEntry[] = [];
  for (let o = Math.max(from, log.oldest); o < log.end && out.length < q.limit; o++) {
    const ev = log.eventAt(o);
    // An entry outlives its event record only in a long run whose event ring wrapped; nothing can show it.
    if (!s.events.has(ev)) continue;
    const key = s.events.key(ev);
    out.push({
      offset: o,
      eventId: eventIdOf(ev),
      type: s.typeNames[s.events.type(ev)]!,
      ...(key === undefined ? {} : { key }),
      t: log.publishedAt(o),
    });
  }
  return out;
}

function groupsOf(s: Ctx, topic: RtTopic): TopicGroupView[] {
  const groups: TopicGroupView[] = [];
  for (const subIndex of topic.subs) {
    const sub = s.subs[subIndex]!;
    // Consumers are indexed in node-id order, so the first reader found is the same on every run.
    const reader = s.consumers.find((c) => c?.paths.has(subIndex));
    if (!reader) continue;
    const committed = topic.logs.map((_, p) => sub.next[p]!);
    groups.push({
      group: s.groups[sub.group]!.name,
      consumerNodeId: s.nodeIds[reader.node]!,
      committed,
      lag: topic.logs.map((log, p) => log.end - committed[p]!),
    });
  }
  return groups;
}

/** What a topic retains and where each subscribing group reads it; reads only, never moves the run. */
export function readTopic(s: Ctx, topic: RtTopic, q: TopicQuery): TopicView {
  const partitions: TopicPartitionView[] = [];
  topic.logs.forEach((log, p) => {
    // Every partition's bounds are listed (the console's partition picker needs them); entries only for the asked one.
    const events = q.partition === undefined || q.partition === p ? entriesOf(s, log, q) : [];
    partitions.push({ partition: p, oldest: log.oldest, next: log.end, events });
  });
  return { nodeId: s.nodeIds[topic.node]!, t: s.now, partitions, groups: groupsOf(s, topic) };
}
