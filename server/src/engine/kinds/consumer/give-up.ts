import { H } from '../../hop-codes.js';
import { errorMessage, hop, settle, type Ctx } from '../../ctx.js';
import { record } from '../../latency.js';
import { route } from '../../route.js';
import { reasonCode, type Delivery, type RtConsumer, type RtInstance } from '../../state.js';
import { createChild } from '../producer/produce.js';
import { arrive } from '../topic/outage.js';
import { deliveryHop, release } from './consume.js';

/**
 * The consumer is done with an event without success: dead-lettered (published to its DLQ) or dropped.
 * Either way its `emitsOnGiveUp` compensation events follow, as children of the given-up event.
 */
export function giveUp(
  s: Ctx,
  inst: RtInstance,
  c: RtConsumer,
  d: Delivery,
  why: string,
  deadLetter: boolean,
) {
  // A dead-letter queue read by a consumer that dead-letters back (a ring) would cycle one event forever.
  const rounds = deadLetter && c.dlq ? (s.deadLetterCount.get(d.event) ?? 0) + 1 : 0;
  if (rounds > s.maxChainDepth) {
    why = `${why}; dead-lettered ${rounds - 1} times already: a dead-letter ring, stopped at maxChainDepth ${s.maxChainDepth}`;
    deadLetter = false;
  }
  if (deadLetter && c.dlq) {
    s.deadLetterCount.set(d.event, rounds);
    deliveryHop(s, H['dead-lettered'], inst, c, d, c.dlq.edge, reasonCode(s, why));
    s.counters.deadLettered++;
    s.counters.nodeDeadLettered[c.node]!++;
    s.groups[c.group]!.counts.deadLettered++;
    s.counters.edgeCount[c.dlq.edge]!++;
    settle(s, d.event);
    arrive(s, d.event, s.topics[c.dlq.topic]!, c.dlq.edge);
  } else {
    const reason = deadLetter ? `${why}; no dead-letter queue` : why;
    deliveryHop(s, H.dropped, inst, c, d, -1, reasonCode(s, reason));
    s.counters.dropped++;
    s.counters.nodeDropped[c.node]!++;
    s.groups[c.group]!.counts.dropped++;
    settle(s, d.event);
  }
  record(s.latency.nodes[c.node]!, s.now - d.since);
  if (c.onGiveUp.length) compensate(s, c, d.event);
  s.deliveryPool.push(d);
  release(s, inst);
}

/**
 * Emits the consumer's compensation events for `event`, published like its ordinary emits. A payload that
 * fails to evaluate still yields the child (so the chain shows the attempt), dropped with the reason.
 */
function compensate(s: Ctx, c: RtConsumer, event: number) {
  const vars = s.vars.forEvent(event, c.onGiveUpReadsEnvelope);
  for (const e of c.onGiveUp) {
    let data: unknown;
    let error: string | undefined;
    try {
      data = e.payload ? e.payload.evaluate(vars) : vars.data;
    } catch (err) {
      error = `compensation payload failed: ${errorMessage(err)}`;
    }
    const child = createChild(s, event, c.node, e.type, error ? null : data);
    if (child < 0) continue;
    if (error) {
      hop(s, H.dropped, child, c.node, -1, -1, -1, -1, -1, 0, reasonCode(s, error));
      s.counters.nodeDropped[c.node]!++;
      continue;
    }
    route(s, child, c.node);
  }
}
