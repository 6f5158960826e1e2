import { H } from '../../hop-codes.js';
import { hop, TASK, type Ctx } from '../../ctx.js';
import { reasonCode, type RtTopic } from '../../state.js';
import { wakeAt } from '../consumer/fetch.js';
import { publish } from './publish.js';

/**
 * An event reaches a topic along `edge`. While the topic is down a producer's own event is held by the
 * producer when it buffers (up to its `bufferLimit`); anything else is lost there with `publish-failed`.
 */
/** Events a buffering producer holds at most when its `bufferLimit` is not set. */
export const DEFAULT_BUFFER_LIMIT = 1000;

export function arrive(s: Ctx, event: number, topic: RtTopic, edge: number) {
  if (!topic.down) {
    publish(s, event, topic, edge);
    return;
  }
  const name = s.nodeIds[topic.node]!;
  const source = s.events.parent(event) < 0 ? s.producers[s.events.source(event)] : undefined;
  if (source?.config.onTopicDown === 'buffer') {
    const limit = source.config.bufferLimit ?? DEFAULT_BUFFER_LIMIT;
    if (source.buffer.length < limit) {
      source.buffer.push({ event, topic: topic.node, edge });
      // A held event must stay readable until it is published.
      s.events.ref(event, 1);
      hop(
        s,
        H.buffered,
        event,
        source.node,
        edge,
        -1,
        -1,
        -1,
        -1,
        0,
        reasonCode(s, `topic ${name} is down: held by the producer until it is back`),
      );
      return;
    }
    failPublish(
      s,
      event,
      topic,
      edge,
      `topic ${name} is down and the producer's buffer is full (${limit} events)`,
    );
    return;
  }
  failPublish(s, event, topic, edge, `topic ${name} is down`);
}

function failPublish(s: Ctx, event: number, topic: RtTopic, edge: number, reason: string) {
  hop(s, H['publish-failed'], event, topic.node, edge, -1, -1, -1, -1, 0, reasonCode(s, reason));
}

/** Schedules the topic's outages from its config: a down task at each start, an up task at each end. */
export function scheduleOutages(s: Ctx, topic: RtTopic) {
  for (const o of topic.config.outages ?? []) {
    s.sched.push(o.at, TASK.outage, topic.node, 1);
    s.sched.push(o.at + o.for, TASK.outage, topic.node, 0);
  }
}

/**
 * Takes a topic down or brings it back. Back up, every producer's held events for it are published in the
 * order they were held (producers in node order), then the groups that read it look for work again.
 */
export function setTopicDown(s: Ctx, topic: RtTopic, down: boolean) {
  if (topic.down === down) return;
  topic.down = down;
  if (down) return;
  for (const p of s.producers) {
    if (!p || p.buffer.length === 0) continue;
    const keep = [];
    for (const held of p.buffer) {
      if (held.topic !== topic.node) {
        keep.push(held);
        continue;
      }
      s.events.ref(held.event, -1);
      publish(s, held.event, topic, held.edge);
    }
    p.buffer = keep;
  }
  for (const subIndex of topic.subs) {
    const sub = s.subs[subIndex]!;
    for (let p = 0; p < sub.owner.length; p++) {
      const owner = sub.owner[p]!;
      if (owner >= 0) wakeAt(s, s.instances[owner]!, s.now);
    }
  }
}
