import { H } from '../../hop-codes.js';
import { errorMessage, hop, settle, TASK, type Ctx } from '../../ctx.js';
import { route } from '../../route.js';
import { evaluateFilter, filterReason } from '../filter/evaluate.js';
import { expireByAge, publish } from '../topic/publish.js';
import {
  reasonCode,
  type Delivery,
  type Owned,
  type RtConsumer,
  type RtInstance,
  type RtPath,
} from '../../state.js';
import { createChild } from '../producer/produce.js';
import { record } from '../../latency.js';
import { toPlainJson } from '@eventflow/shared';
import { retire } from './autoscale.js';
import { adopt, pendingOf } from './membership.js';

/** Delivery records are recycled: one per delivery was a steady share of GC time on the hot path. */
function newDelivery(
  s: Ctx,
  sub: number,
  partition: number,
  offset: number,
  event: number,
  edge: number,
): Delivery {
  const d = s.deliveryPool.pop();
  if (d === undefined)
    return { sub, partition, offset, event, attempt: 1, edge, readyAt: s.now, since: s.now };
  d.sub = sub;
  d.partition = partition;
  d.offset = offset;
  d.event = event;
  d.attempt = 1;
  d.edge = edge;
  d.readyAt = s.now;
  d.since = s.now;
  return d;
}

/** Makes sure an idle instance looks for work at `at` (simulated ms). */
export function wakeAt(s: Ctx, inst: RtInstance, at: number) {
  if (inst.busy || inst.down || at >= inst.wakeAt) return;
  inst.wakeAt = at;
  s.sched.push(Math.max(at, s.now), TASK.wake, inst.index, ++inst.gen);
}

export function onWake(s: Ctx, inst: RtInstance, gen: number) {
  if (gen !== inst.gen) return;
  inst.wakeAt = Infinity;
  pull(s, inst);
}

/** An idle instance takes its next delivery: a due requeued retry first, then the earliest due partition entry. */
export function pull(s: Ctx, inst: RtInstance) {
  const c = s.consumers[inst.consumer]!;
  while (!inst.busy) {
    let next = Infinity;
    if (inst.retries.length) {
      let best = 0;
      for (let i = 1; i < inst.retries.length; i++)
        if (inst.retries[i]!.readyAt < inst.retries[best]!.readyAt) best = i;
      const r = inst.retries[best]!;
      if (r.readyAt <= s.now) {
        inst.retries.splice(best, 1);
        deliver(s, inst, c, r);
        return;
      }
      next = r.readyAt;
    }
    let pick: Owned | undefined;
    let pickAt = Infinity;
    const owned = inst.owned;
    for (let i = 0; i < owned.length; i++) {
      const o = owned[i]!;
      if (o.rtSub.pending.length !== 0) {
        const k = pendingOf(o.rtSub.pending, o.partition);
        if (k >= 0) {
          const d = o.rtSub.pending[k]!;
          if (d.readyAt <= s.now) {
            o.rtSub.pending.splice(k, 1);
            deliver(s, inst, c, adopt(o, d), REDELIVERED);
            return;
          }
          if (d.readyAt < next) next = d.readyAt;
          // A blocking group holds the partition behind the moved delivery, as its first owner did.
          if (c.config.retry === 'blocking') continue;
        }
      }
      const holder = o.rtSub.holder[o.partition]!;
      if (holder >= 0 && holder !== inst.index && c.config.retry === 'blocking') continue;
      if (o.aged) expireByAge(s, o.topic, o.partition);
      const log = o.log;
      const offset = o.rtSub.next[o.partition]!;
      if (offset >= log.end) continue;
      const at = log.availableAt(offset);
      if (at <= s.now) {
        if (at < pickAt) {
          pick = o;
          pickAt = at;
        }
      } else if (at < next) next = at;
    }
    if (pick === undefined) {
      if (next < Infinity) wakeAt(s, inst, next);
      return;
    }
    const partition = pick.partition;
    const offset = pick.rtSub.next[partition]!++;
    const event = pick.log.eventAt(offset);
    const topicNode = pick.topic.node;
    s.counters.nodeOut[topicNode]!++;
    record(s.latency.nodes[topicNode]!, s.now - pick.log.publishedAt(offset));
    const edge = passPaths(s, pick.paths, event, c.group, partition, offset);
    if (edge < 0) {
      s.counters.filtered++;
      s.groups[c.group]!.counts.filtered++;
      settle(s, event);
      continue;
    }
    deliver(s, inst, c, newDelivery(s, pick.sub, partition, offset, event, edge));
  }
}

/** A delivery ended or left its instance: the partition's owner, if another, may fetch from it again. */
export function unhold(s: Ctx, inst: RtInstance, d: Delivery): void {
  const sub = s.subs[d.sub]!;
  if (sub.holder[d.partition] !== inst.index) return;
  sub.holder[d.partition] = -1;
  const owner = sub.owner[d.partition]!;
  if (owner >= 0 && owner !== inst.index) wakeAt(s, s.instances[owner]!, s.now);
}

/** Runs the subscription's filters; returns the arriving edge of the first path that passes, or -1. */
function passPaths(
  s: Ctx,
  paths: RtPath[],
  event: number,
  group: number,
  partition: number,
  offset: number,
): number {
  for (let p = 0; p < paths.length; p++) {
    const path = paths[p]!;
    let passed = true;
    for (let f = 0; f < path.filters.length && passed; f++) {
      const filter = path.filters[f]!;
      const edge = path.edges[f]!;
      s.counters.nodeIn[filter]!++;
      const r = evaluateFilter(s, filter, event);
      if (r === true) {
        hop(s, H.routed, event, filter, edge, group, -1, partition, offset);
        s.counters.nodeOut[filter]!++;
      } else {
        passed = false;
        const filtered = r === false;
        hop(
          s,
          filtered ? H.filtered : H['filter-error'],
          event,
          filter,
          edge,
          group,
          -1,
          partition,
          offset,
          0,
          reasonCode(s, filtered ? filterReason(s, filter) : r),
        );
        (filtered ? s.counters.nodeFiltered : s.counters.nodeFilterErrors)[filter]!++;
      }
    }
    if (passed) return path.edges[path.edges.length - 1]!;
  }
  return -1;
}

function sampleMs(s: Ctx, d: RtConsumer['config']['processingMs']): number {
  if (typeof d === 'number') return d;
  if ('min' in d) return d.min + s.rng.float() * (d.max - d.min);
  return Math.max(0, s.rng.normal(d.mean, d.stddev));
}

/** The reason on a `delivered` hop of a delivery that came from an instance that went down or left. */
const REDELIVERED = 'redelivered after a rebalance';

function deliver(s: Ctx, inst: RtInstance, c: RtConsumer, d: Delivery, moved?: string) {
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
  const ms = sampleMs(s, c.config.processingMs);
  s.sched.push(s.now + ms, TASK.done, inst.index, inst.gen);
  // A modelled crash halfway through; never on the last attempt, so a crash-prone group still finishes its work.
  const crashRate = c.config.crashRate ?? 0;
  if (crashRate > 0 && d.attempt < c.config.maxAttempts && s.rng.float() < crashRate)
    s.sched.push(s.now + ms / 2, TASK.crash, inst.index, inst.deliveries);
}

/** A hop of one delivery at one instance: every consumer-side hop names the same group, instance and position. */
export function deliveryHop(
  s: Ctx,
  type: number,
  inst: RtInstance,
  c: RtConsumer,
  d: Delivery,
  edge = -1,
  reason = 0,
): void {
  hop(s, type, d.event, c.node, edge, c.group, inst.ordinal, d.partition, d.offset, d.attempt, reason);
}

function skipDuplicate(s: Ctx, inst: RtInstance, c: RtConsumer, d: Delivery) {
  deliveryHop(s, H['duplicate-skipped'], inst, c, d, -1, reasonCode(s, 'already processed by this group'));
  s.counters.duplicatesSkipped++;
  s.groups[c.group]!.counts.duplicatesSkipped++;
  s.counters.nodeSkipped[c.node]!++;
  ack(s, inst, c, d);
}

function ack(s: Ctx, inst: RtInstance, c: RtConsumer, d: Delivery) {
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

function release(s: Ctx, inst: RtInstance) {
  const d = inst.current;
  if (d) unhold(s, inst, d);
  inst.busy = false;
  inst.current = undefined;
  if (inst.retiring) retire(s, inst);
  else pull(s, inst);
}

/** Processing finished: fail (before side effects), or process, emit, and ack (unless the ack is lost). */
export function onDone(s: Ctx, inst: RtInstance) {
  inst.processing = false;
  const d = inst.current!;
  const c = s.consumers[inst.consumer]!;
  const cfg = c.config;
  const group = s.groups[c.group]!;
  // The idempotency record is checked again at commit: another instance may have processed the same event
  // meanwhile (two publications of one event), and only one of them may apply its side effects.
  if (cfg.delivery === 'exactly-once' && isProcessed(group.processed, d.event)) {
    skipDuplicate(s, inst, c, d);
    return;
  }
  let failure: string | undefined =
    cfg.failureRate > 0 && s.rng.float() < cfg.failureRate
      ? `processing failed (failureRate ${cfg.failureRate})`
      : undefined;
  let payloads: unknown[] | undefined;
  if (!failure && c.emits.length) {
    try {
      const vars = s.vars.forEvent(d.event, c.emitsReadEnvelope);
      payloads = c.emits.map((e) => (e.payload ? toPlainJson(e.payload.evaluate(vars)) : vars.data));
    } catch (e) {
      failure = `emit payload failed: ${errorMessage(e)}`;
    }
  }
  if (failure) {
    deliveryHop(s, H.failed, inst, c, d, -1, reasonCode(s, failure));
    s.counters.failures++;
    s.counters.nodeFailed[c.node]!++;
    if (cfg.delivery === 'at-most-once') {
      giveUp(s, inst, c, d, 'at-most-once: acknowledged on delivery, so a failure loses the event', false);
    } else retryOrGiveUp(s, inst, c, d, failure);
    return;
  }
  deliveryHop(s, H.processed, inst, c, d, -1);
  if (isProcessed(group.processed, d.event)) {
    s.counters.duplicatesProcessed++;
    group.counts.duplicatesProcessed++;
  } else {
    group.processed = markProcessed(group.processed, d.event);
    // A consumer that emits nothing ends its chain; a redelivery processed again does not end it twice.
    if (c.emits.length === 0) record(s.latency.endToEnd, s.now - s.events.origin(d.event));
  }
  const key = s.events.key(d.event);
  if (key !== undefined) {
    // Order is a per-partition promise, so it is tracked per subscription (topic × group), not per group.
    const keyOrder = s.subs[d.sub]!.keyOrder;
    const last = keyOrder.get(key);
    if (last !== undefined && last > d.offset) {
      s.counters.orderViolations++;
      group.counts.orderViolations++;
    } else keyOrder.set(key, d.offset);
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

function backoffMs(cfg: RtConsumer['config'], attempt: number): number {
  const b = cfg.backoffMs;
  if (typeof b === 'number') return b;
  return Math.min(b.max, b.initial * b.multiplier ** (attempt - 1));
}

function retryOrGiveUp(s: Ctx, inst: RtInstance, c: RtConsumer, d: Delivery, why: string) {
  const cfg = c.config;
  if (d.attempt >= cfg.maxAttempts) {
    giveUp(s, inst, c, d, `gave up after ${d.attempt} attempts: ${why}`, true);
    return;
  }
  const delay = backoffMs(cfg, d.attempt);
  const reason = `${why}; attempt ${d.attempt + 1} of ${cfg.maxAttempts} in ${delay} ms`;
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

function giveUp(s: Ctx, inst: RtInstance, c: RtConsumer, d: Delivery, why: string, deadLetter: boolean) {
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
    publish(s, d.event, s.topics[c.dlq.topic]!, c.dlq.edge);
  } else {
    const reason = deadLetter ? `${why}; no dead-letter queue` : why;
    deliveryHop(s, H.dropped, inst, c, d, -1, reasonCode(s, reason));
    s.counters.dropped++;
    s.counters.nodeDropped[c.node]!++;
    s.groups[c.group]!.counts.dropped++;
    settle(s, d.event);
  }
  record(s.latency.nodes[c.node]!, s.now - d.since);
  s.deliveryPool.push(d);
  release(s, inst);
}

const isProcessed = (bits: Uint8Array, event: number) => (bits[event >> 3]! & (1 << (event & 7))) !== 0;

function markProcessed(bits: Uint8Array, event: number): Uint8Array {
  let b = bits;
  if (event >> 3 >= b.length) {
    b = new Uint8Array(Math.max(b.length * 2, (event >> 3) + 1));
    b.set(bits);
  }
  b[event >> 3]! |= 1 << (event & 7);
  return b;
}
