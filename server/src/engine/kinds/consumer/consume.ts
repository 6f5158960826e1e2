import { H } from '../../hop-codes.js';
import { errorMessage, hop, settle, TASK, type Ctx } from '../../ctx.js';
import { record, recordEndToEnd } from '../../latency.js';
import { route } from '../../route.js';
import { reasonCode, type Delivery, type RtConsumer, type RtInstance, type RtSub } from '../../state.js';
import { createChild } from '../producer/produce.js';
import { drawResponse } from '../webhook/endpoint.js';
import { onWebhookResponse } from '../webhook/respond.js';
import { sendRequest } from '../webhook/live.js';
import { startCall, type CallOutcome } from './calls.js';
import { sampleMs } from './duration.js';
import { pull, unhold } from './fetch.js';
import { giveUp } from './give-up.js';
import { isProcessed, markProcessed } from './processed-bits.js';
import { retire } from './autoscale.js';
import { schemaFailure } from './schema-check.js';
import { readRow } from './query.js';
import { failureText, retryText } from '../../reason-texts.js';

/** The reason on a `delivered` hop of a delivery that came from an instance that went down or left. */
export const REDELIVERED = 'redelivered after a rebalance';

export function deliver(s: Ctx, inst: RtInstance, c: RtConsumer, d: Delivery, moved?: string) {
  const group = s.groups[c.group]!;
  inst.busy = true;
  inst.current = d;
  s.counters.attempts++;
  if (d.attempt > 1) s.counters.redeliveries++;
  s.counters.nodeIn[c.node]!++;
  s.counters.edgeCount[d.edge]!++;
  s.subs[d.sub]!.holder[d.partition] = inst.index;
  deliveryHop(s, H.delivered, inst, c, d, d.edge, moved ? reasonCode(s, moved) : 0);
  if (c.config.delivery === 'exactly-once' && isProcessed(group.processed, d.event)) {
    skipDuplicate(s, inst, c, d);
    return;
  }
  inst.processing = true;
  inst.deliveries++;
  d.call = 0;
  if (c.endpoint?.url !== undefined) {
    sendRequest(s, inst, c, d, c.endpoint.url);
    return;
  }
  const ms = c.endpoint ? drawResponse(s, c.endpoint, d) : sampleMs(s, c.config.processingMs);
  s.sched.push(s.now + ms, TASK.done, inst.index, inst.gen);
  // A modelled crash halfway through; never on the last attempt, so a crash-prone group still finishes its work.
  // Webhooks have no crashRate: an endpoint's failures are its status mix.
  const crashRate = c.endpoint ? 0 : (c.config.crashRate ?? 0);
  if (crashRate > 0 && d.attempt < c.config.maxAttempts && s.rng.float() < crashRate)
    s.sched.push(s.now + ms / 2, TASK.crash, inst.index, inst.deliveries);
}

/**
 * A hop of one delivery at one instance: every consumer-side hop names the same group, instance and position.
 * A webhook's outcome hops carry the attempt's HTTP status (`d.status`); its `delivered` hop does not.
 */
export function deliveryHop(
  s: Ctx,
  type: number,
  inst: RtInstance,
  c: RtConsumer,
  d: Delivery,
  edge = -1,
  reason = 0,
): void {
  const status = c.endpoint && type !== H.delivered ? d.status : 0;
  hop(
    s,
    type,
    d.event,
    c.node,
    edge,
    c.group,
    inst.ordinal,
    d.partition,
    d.offset,
    d.attempt,
    reason,
    status,
  );
}

function skipDuplicate(s: Ctx, inst: RtInstance, c: RtConsumer, d: Delivery) {
  deliveryHop(s, H['duplicate-skipped'], inst, c, d, -1, reasonCode(s, 'already processed by this group'));
  s.counters.duplicatesSkipped++;
  s.groups[c.group]!.counts.duplicatesSkipped++;
  s.counters.nodeSkipped[c.node]!++;
  ack(s, inst, c, d);
}

export function ack(s: Ctx, inst: RtInstance, c: RtConsumer, d: Delivery) {
  deliveryHop(s, H.acked, inst, c, d, -1);
  s.counters.acked++;
  s.counters.nodeAcked[c.node]!++;
  s.counters.lastAckAt = s.now;
  const counts = s.groups[c.group]!.counts;
  counts.acked++;
  counts.lastAckAt = s.now;
  record(s.latency.nodes[c.node]!, s.now - d.since);
  settle(s, d.event);
  s.deliveryPool.push(d);
  release(s, inst);
}

export function release(s: Ctx, inst: RtInstance) {
  const d = inst.current;
  if (d) unhold(s, inst, d);
  inst.busy = false;
  inst.current = undefined;
  if (inst.retiring) retire(s, inst);
  else pull(s, inst);
}

const emitScratch: unknown[] = [];

/** Processing finished: fail (before side effects), or process, emit, and ack (unless the ack is lost). */
export function onDone(s: Ctx, inst: RtInstance) {
  const d = inst.current!;
  const c = s.consumers[inst.consumer]!;
  // Its own work is done; its service calls follow, one after another, and the instance stays busy meanwhile.
  if (d.call < c.calls.length) {
    startCall(s, inst, c, d);
    return;
  }
  inst.processing = false;
  if (c.endpoint) {
    onWebhookResponse(s, inst, c, d);
    return;
  }
  const cfg = c.config;
  const group = s.groups[c.group]!;
  // The idempotency record is checked again at commit: another instance may have processed the same event
  // meanwhile (two publications of one event), and only one of them may apply its side effects.
  if (cfg.delivery === 'exactly-once' && isProcessed(group.processed, d.event)) {
    skipDuplicate(s, inst, c, d);
    return;
  }
  // An event it cannot read fails where processing would, drawing no failure: a flow without schemas keeps its trace.
  let failure: string | undefined = schemaFailure(s, c, d);
  // A query reads its row when the consumer decides (after its processing time and calls), so the emits see
  // the row as it was then; a key that cannot be evaluated fails the processing like a failing emit.
  let row: unknown = null;
  if (!failure && c.query) {
    const read = readRow(s, inst, c, d);
    if ('error' in read) failure = read.error;
    else row = read.row;
  }
  if (!failure && cfg.failureRate > 0 && s.rng.float() < cfg.failureRate) failure = failureText(cfg);
  let payloads: unknown[] | undefined;
  if (!failure && c.emits.length) {
    const vars = s.vars.forEvent(d.event, c.emitsReadEnvelope);
    vars.row = row;
    try {
      // One scratch list for every consumer: nothing between here and the children's creation can start
      // another onDone (routing only schedules), and the children keep the payloads, not the list.
      payloads = emitScratch;
      payloads.length = c.emits.length;
      for (let i = 0; i < c.emits.length; i++) {
        const e = c.emits[i]!;
        payloads[i] = e.payload ? e.payload.evaluate(vars) : vars.data;
      }
    } catch (e) {
      failure = `emit payload failed: ${errorMessage(e)}`;
    }
    // The shared variables outlive this event: no other emit may see its row.
    vars.row = undefined;
  }
  if (failure) {
    failDelivery(s, inst, c, d, failure);
    return;
  }
  deliveryHop(s, H.processed, inst, c, d, -1);
  if (isProcessed(group.processed, d.event)) {
    s.counters.duplicatesProcessed++;
    group.counts.duplicatesProcessed++;
  } else {
    group.processed = markProcessed(group.processed, d.event);
    // A consumer that emits nothing ends its chain; a redelivery processed again does not end it twice.
    if (c.emits.length === 0) recordEndToEnd(s, d.event);
  }
  const keyId = s.events.keyId(d.event);
  // Order is a per-partition promise, so it is tracked per subscription (topic × group), not per group.
  if (keyId >= 0 && !noteKeyOrder(s.subs[d.sub]!, keyId, d.offset)) {
    s.counters.orderViolations++;
    group.counts.orderViolations++;
  }
  if (payloads) {
    for (let i = 0; i < payloads.length; i++) {
      const child = createChild(s, d.event, c.node, c.emits[i]!.type, payloads[i]);
      if (child >= 0) route(s, child, c.node);
    }
  }
  if (cfg.delivery !== 'at-most-once' && cfg.ackLossRate > 0 && s.rng.float() < cfg.ackLossRate) {
    retryOrGiveUp(s, inst, c, d, 'ack lost after processing');
    return;
  }
  ack(s, inst, c, d);
}

/** Records that the subscription processed `offset` of key `keyId`; false when a later offset came first. */
function noteKeyOrder(sub: RtSub, keyId: number, offset: number): boolean {
  let order = sub.keyOrder;
  if (keyId >= order.length) {
    const grown = new Float64Array(Math.max(16, keyId + 1, order.length * 2)).fill(-1);
    grown.set(order);
    order = sub.keyOrder = grown;
  }
  if (order[keyId]! > offset) return false;
  order[keyId] = offset;
  return true;
}

/** Processing failed before its side effects: retry or give up, as the delivery guarantee says. */
function failDelivery(s: Ctx, inst: RtInstance, c: RtConsumer, d: Delivery, failure: string) {
  deliveryHop(s, H.failed, inst, c, d, -1, reasonCode(s, failure));
  s.counters.failures++;
  s.counters.nodeFailed[c.node]!++;
  if (c.config.delivery === 'at-most-once') {
    giveUp(s, inst, c, d, 'at-most-once: acknowledged on delivery, so a failure loses the event', false);
  } else retryOrGiveUp(s, inst, c, d, failure);
}

/** A service call ended for its caller: a failed or timed-out call fails the caller's processing. */
export function afterCall(s: Ctx, outcome: CallOutcome | undefined) {
  if (!outcome) return;
  const { inst, failure } = outcome;
  const d = inst.current!;
  if (failure) {
    inst.processing = false;
    failDelivery(s, inst, s.consumers[inst.consumer]!, d, failure);
    return;
  }
  d.call++;
  onDone(s, inst);
}

function backoffMs(cfg: RtConsumer['config'], attempt: number): number {
  const b = cfg.backoffMs;
  if (typeof b === 'number') return b;
  return Math.min(b.max, b.initial * b.multiplier ** (attempt - 1));
}

export function retryOrGiveUp(s: Ctx, inst: RtInstance, c: RtConsumer, d: Delivery, why: string) {
  const cfg = c.config;
  if (d.attempt >= cfg.maxAttempts) {
    giveUp(s, inst, c, d, `gave up after ${d.attempt} attempts: ${why}`, true);
    return;
  }
  const delay = backoffMs(cfg, d.attempt);
  const reason = retryText(cfg, why, d.attempt + 1, delay);
  deliveryHop(s, H['retry-scheduled'], inst, c, d, -1, reasonCode(s, reason));
  // The delivery record is the instance's own, so the retry reuses it rather than allocating another.
  d.attempt++;
  d.readyAt = s.now + delay;
  if (cfg.retry === 'blocking') {
    inst.current = d;
    s.sched.push(d.readyAt, TASK.retry, inst.index, inst.gen);
    return;
  }
  inst.retries.push(d);
  release(s, inst);
}

export function onRetry(s: Ctx, inst: RtInstance) {
  const d = inst.current!;
  inst.busy = false;
  inst.current = undefined;
  deliver(s, inst, s.consumers[inst.consumer]!, d);
}
