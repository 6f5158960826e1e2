import { toPlainJson, type FlowEvent } from '@eventflow/shared';
import type { Delivery } from '../transport.js';
import { celRand, errorMessage, record, type RunCtx } from './ctx.js';
import { attemptRandom, backoffMs } from './decide.js';
import { finish, settle, type Place } from './outcome.js';
import type { PlannedConsumer } from './plan.js';
import { createEvent, eventVars, publish, route } from './publish-path.js';

/** A failed attempt: redelivered by the broker after the backoff, or given up after the last attempt. */
export function retryOrGiveUp(
  c: RunCtx,
  cons: PlannedConsumer,
  at: Place & { attempt: number },
  event: FlowEvent,
  d: Delivery,
  why: string,
): void {
  const cfg = cons.config;
  if (at.attempt >= cfg.maxAttempts) {
    giveUp(c, cons, at, event, `gave up after ${at.attempt} attempts: ${why}`, true);
    settle(c, d.ack());
    return;
  }
  const delay = backoffMs(cfg.backoffMs, at.attempt);
  record(c, {
    ...at,
    type: 'retry-scheduled',
    reason: `${why}; attempt ${at.attempt + 1} of ${cfg.maxAttempts} in ${delay} ms`,
  });
  // The broker holds the event for the backoff and redelivers it: the next attempt is a real redelivery.
  settle(c, d.nak(delay / c.speed));
}

/** Done without success: dead-lettered to the consumer's DLQ topic (published there for real) or dropped. */
export function giveUp(
  c: RunCtx,
  cons: PlannedConsumer,
  at: Place,
  event: FlowEvent,
  why: string,
  deadLetter: boolean,
) {
  const dlq = deadLetter ? cons.deadLetter : undefined;
  if (dlq) {
    finish(c, { ...at, type: 'dead-lettered', edge: dlq.edge, reason: why });
    publish(c, event, at.trace, dlq.topic, dlq.edge);
  } else finish(c, { ...at, type: 'dropped', reason: deadLetter ? `${why}; no dead-letter queue` : why });
  if (!cons.emitsOnGiveUp.length) return;
  const vars = eventVars(event, celRand(attemptRandom(c.seed, event.id, `${cons.group}:give-up`, 1)));
  for (const e of cons.emitsOnGiveUp) {
    let data: unknown;
    let error: string | undefined;
    try {
      data = e.payload ? toPlainJson(e.payload.evaluate(vars)) : event.data;
    } catch (err) {
      error = `compensation payload failed: ${errorMessage(err)}`;
    }
    emitChild(c, cons, event, e.eventType, error ? null : data, error);
  }
}

/** A child event from a consumer: emitted, then published along the consumer's out-edges (or dropped). */
export function emitChild(
  c: RunCtx,
  cons: PlannedConsumer,
  parent: FlowEvent,
  type: string,
  data: unknown,
  error: string | undefined,
) {
  const { event, depth, trace } = createEvent(c, cons.id, type, data, parent.partitionkey, parent);
  const base = { seq: 0, t: 0, event: event.id, trace, node: cons.id };
  record(c, { ...base, type: 'emitted', parent: parent.id });
  if (depth > c.maxChainDepth) {
    record(c, {
      ...base,
      type: 'dropped',
      reason: `chain depth ${depth} exceeds maxChainDepth ${c.maxChainDepth}`,
    });
    return;
  }
  if (error) {
    record(c, { ...base, type: 'dropped', reason: error });
    return;
  }
  route(c, event, trace, cons.id, celRand(attemptRandom(c.seed, event.id, cons.group, 0)));
}
