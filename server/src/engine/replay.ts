import type { Ctx } from './ctx.js';
import { wakeAt } from './kinds/consumer/fetch.js';
import type { RtConsumer } from './model.js';
import type { PartitionLog } from './partition-log.js';

/**
 * Moves a consumer's group back on every partition of every topic it reads, to the offset `fromOf` picks
 * for that partition (clamped to what is retained; never forward). The entries in between are owed an
 * outcome again, so they are referenced and counted as expected before the owners are woken to fetch them.
 */
export function rewindGroup(s: Ctx, c: RtConsumer, fromOf: (log: PartitionLog) => number): void {
  for (const subIndex of c.paths.keys()) {
    const sub = s.subs[subIndex]!;
    const logs = s.topics[sub.topic]!.logs;
    logs.forEach((log, p) => {
      let from = Math.max(fromOf(log), log.oldest);
      while (from < sub.next[p]! && !s.events.has(log.eventAt(from))) from++;
      for (let o = from; o < sub.next[p]!; o++) s.events.ref(log.eventAt(o), 1);
      if (from < sub.next[p]!) {
        s.counters.expected += sub.next[p]! - from;
        s.groups[sub.group]!.counts.expected += sub.next[p]! - from;
      }
      sub.next[p] = Math.min(from, sub.next[p]!);
      const owner = sub.owner[p]!;
      if (owner >= 0) wakeAt(s, s.instances[owner]!, s.now);
    });
  }
}
