import { H } from '../../hop-codes.js';
import { errorMessage, hop, TASK, type Ctx } from '../../ctx.js';
import { appendToFeed } from '../event-store/feed.js';
import { reasonCode } from '../../state.js';
import type { RtProjection } from '../event-store/model.js';

/** The row an event of the topic belongs to: the projection's key expression, else the event's key. */
function rowKeyOf(s: Ctx, p: RtProjection, event: number): string | { error: string } {
  if (!p.key) {
    const k = s.events.key(event);
    return k === undefined || k === null
      ? { error: 'the event has no key: give the projection a key expression' }
      : k;
  }
  try {
    const v = p.key.evaluate(s.vars.forEvent(event));
    return v === null ? { error: `key ${p.key.source} gave null` } : String(v);
  } catch (e) {
    return { error: `key ${p.key.source}: ${errorMessage(e)}` };
  }
}

/**
 * A publication reaching a topic-fed projection (decision 0029). Its subscription is a group of its own: it
 * receives every event of the topic, in publication order, and logs it in the projection's own feed as the
 * next version of its row, with a copy of the CloudEvent (so a rebuild or a late join never needs the topic's
 * retention). Like a store write, the live step is scheduled a constant delay later: the topic's latency, then
 * the projection's lag. An event whose row key cannot be evaluated is refused with a `projection-error` hop.
 */
export function feedProjection(s: Ctx, p: RtProjection, event: number, latencyMs: number) {
  const feed = p.own!;
  const key = rowKeyOf(s, p, event);
  if (typeof key !== 'string') {
    hop(s, H['projection-error'], event, p.node, p.edge, -1, -1, -1, -1, 0, reasonCode(s, key.error));
    s.counters.nodeIn[p.node]!++;
    s.counters.edgeCount[p.edge]!++;
    s.counters.nodeFailed[p.node]!++;
    return;
  }
  appendToFeed(s, feed, key, event);
  if (!p.live) return;
  s.events.ref(event, 1);
  s.sched.push(s.now + latencyMs + p.lagMs, TASK.project, p.node, 0);
}
