import { H } from '../../hop-codes.js';
import { hop, settle, TASK, type Ctx } from '../../ctx.js';
import { evaluateFilter, filterReason } from '../filter/evaluate.js';
import { expireByAge } from '../topic/publish.js';
import { reasonCode, type Delivery, type Owned, type RtInstance, type RtPath } from '../../state.js';
import { record } from '../../latency.js';
import { deliver, REDELIVERED } from './consume.js';
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
    return {
      sub,
      partition,
      offset,
      event,
      attempt: 1,
      edge,
      readyAt: s.now,
      since: s.now,
      status: 0,
      call: 0,
    };
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
      // A down broker serves no fetches; its groups are woken when it is back.
      if (o.topic.down) continue;
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
