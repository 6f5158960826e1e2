import { H } from '../../hop-codes.js';
import { hop, settle, TASK, type Ctx } from '../../ctx.js';
import { record } from '../../latency.js';
import {
  intern,
  reasonCode,
  type Delivery,
  type Owned,
  type RtConsumer,
  type RtInstance,
} from '../../state.js';
import { deliveryHop } from './consume.js';
import { unhold, wakeAt } from './fetch.js';
import { assignPartitions, isDown } from './instances.js';

/** The CloudEvent type of membership marker events: one per change, holding its hops at the consumer. */
export const MEMBERSHIP_EVENT_TYPE = 'eventflow.membership';

type Change = 'down' | 'up' | 'scaled-out' | 'scaled-in';

/** A marker event for one membership change; its data ends up naming the group and the new assignment. */
export function markerEvent(s: Ctx, c: RtConsumer, change: Change, reason: string): number {
  const type = intern(s.typeNames, s.typeIndex, MEMBERSHIP_EVENT_TYPE);
  const data = { group: s.groups[c.group]!.name, change, reason };
  return s.events.add(type, c.node, s.now, -1, -1, 0, -1, data);
}

/**
 * Takes a consumer (instance -1) or one of its instances down or brings it back, for `why` (a scheduled outage
 * or by hand). `held` says whether this is the by-hand flag; otherwise it counts scheduled outages. Hops and a
 * rebalance follow only when some instance actually changed state.
 */
export function setDown(
  s: Ctx,
  c: RtConsumer,
  instance: number,
  down: boolean,
  byHand: boolean,
  why: string,
): void {
  const targets = instance < 0 ? [c] : [s.instances[c.instances[instance]!]!];
  for (const t of targets) {
    if (byHand) {
      t.held = down;
      // Bringing something back by hand ends its scheduled outages too: "up" means up now.
      if (!down) t.outages = 0;
    } else t.outages = Math.max(0, t.outages + (down ? 1 : -1));
  }
  if (instance < 0 && byHand && !down)
    for (const k of c.instances) {
      s.instances[k]!.held = false;
      s.instances[k]!.outages = 0;
    }
  const changed: RtInstance[] = [];
  for (const k of c.instances) {
    const inst = s.instances[k]!;
    const now = isDown(c, inst.held, inst.outages);
    if (now !== inst.down) {
      inst.down = now;
      if (c.instances.indexOf(k) < c.active) changed.push(inst);
    }
  }
  if (changed.length === 0) return;
  const event = markerEvent(s, c, down ? 'down' : 'up', why);
  for (const inst of changed) {
    hop(
      s,
      down ? H['instance-down'] : H['instance-up'],
      event,
      c.node,
      -1,
      c.group,
      inst.ordinal,
      -1,
      -1,
      0,
      reasonCode(s, why),
    );
    if (down) vacate(s, inst, c, why);
    // Scaled in while busy and now down: it has nothing left to finish, so it leaves with this rebalance.
    if (down && inst.retiring) {
      inst.retiring = false;
      c.active--;
    }
  }
  rebalance(s, c, event);
}

/**
 * Empties an instance that is leaving: its scheduled work is ignored from now, a delivery it was processing
 * crashes (redelivered, or lost under at-most-once), and what it held waiting moves to the partition's next owner.
 */
export function vacate(s: Ctx, inst: RtInstance, c: RtConsumer, why: string): void {
  inst.gen++;
  inst.wakeAt = Infinity;
  const d = inst.current;
  if (d) {
    unhold(s, inst, d);
    if (inst.processing) crash(s, inst, c, d, why);
    else handOver(s, inst, c, d, why);
  }
  for (const r of inst.retries) handOver(s, inst, c, r, why);
  inst.retries.length = 0;
  inst.busy = false;
  inst.current = undefined;
  inst.processing = false;
}

/** A delivery waiting out its backoff moves, as it is, to whoever owns its partition next. */
function handOver(s: Ctx, inst: RtInstance, c: RtConsumer, d: Delivery, why: string): void {
  const reason = `${why}: its retry moves to the partition's next owner`;
  deliveryHop(s, H.rebalanced, inst, c, d, -1, reasonCode(s, reason));
  s.subs[d.sub]!.pending.push(d);
}

/** The reason on the `dropped` hop of an at-most-once delivery a crash lost: nobody gave up on it. */
export const LOST_IN_CRASH = 'lost in a crash (at-most-once)';

function crash(s: Ctx, inst: RtInstance, c: RtConsumer, d: Delivery, why: string): void {
  const lost = c.config.delivery === 'at-most-once';
  const reason = lost
    ? `${why} while processing: at-most-once acknowledged it on delivery, so it is lost`
    : `${why} while processing: it was not acknowledged, so it is redelivered`;
  deliveryHop(s, H.crashed, inst, c, d, -1, reasonCode(s, reason));
  if (lost) {
    deliveryHop(s, H.dropped, inst, c, d, -1, reasonCode(s, LOST_IN_CRASH));
    s.counters.dropped++;
    s.counters.nodeDropped[c.node]!++;
    s.groups[c.group]!.counts.dropped++;
    settle(s, d.event);
    record(s.latency.nodes[c.node]!, s.now - d.since);
    s.deliveryPool.push(d);
    return;
  }
  d.attempt = Math.min(255, d.attempt + 1);
  d.readyAt = s.now;
  s.subs[d.sub]!.pending.push(d);
}

/** Deals the partitions again, says so with a `rebalanced` hop naming the new owners, and wakes whoever is idle. */
export function rebalance(s: Ctx, c: RtConsumer, event: number): void {
  assignPartitions(s);
  const parts: string[] = [];
  const assignment: { topic: string; owners: (number | null)[] }[] = [];
  for (const sub of s.subs) {
    if (sub.group !== c.group) continue;
    const owners = Array.from(sub.owner, (o) => (o < 0 ? null : s.instances[o]!.ordinal));
    const topic = s.nodeIds[sub.topic]!;
    assignment.push({ topic, owners });
    parts.push(
      `${topic}: ${owners.map((o, p) => `p${p} → ${o === null ? 'nobody' : `instance ${o}`}`).join(', ')}`,
    );
  }
  (s.events.data(event) as { assignment?: unknown }).assignment = assignment;
  hop(s, H.rebalanced, event, c.node, -1, c.group, -1, -1, -1, 0, reasonCode(s, parts.join('; ')));
  for (const inst of s.instances) if (!inst.busy) wakeAt(s, inst, s.now);
}

/** Schedules the consumer's outages, two tasks each (down at `at`, up at `at + for`). */
export function scheduleOutages(s: Ctx, c: RtConsumer): void {
  for (const o of c.config.outages ?? []) {
    const who = o.instance === undefined ? 'the consumer' : `instance ${o.instance}`;
    const instance = o.instance ?? -1;
    const down = s.outageEdges.push({
      consumer: c.node,
      instance,
      down: true,
      reason: `scheduled outage of ${who} (at ${o.at} ms for ${o.for} ms)`,
    });
    s.sched.push(o.at, TASK.consumerOutage, down - 1, 0);
    const up = s.outageEdges.push({
      consumer: c.node,
      instance,
      down: false,
      reason: `scheduled outage of ${who} ended`,
    });
    s.sched.push(o.at + o.for, TASK.consumerOutage, up - 1, 0);
  }
}

export function onOutage(s: Ctx, edge: number): void {
  const e = s.outageEdges[edge]!;
  const c = s.consumers[e.consumer]!;
  if (e.instance >= c.instances.length) return;
  setDown(s, c, e.instance, e.down, false, e.reason);
}

/** A modelled crash (`crashRate`): the instance goes down now, mid-delivery, and restarts after `restartMs`. */
export function onCrash(s: Ctx, inst: RtInstance, delivery: number): void {
  if (delivery !== inst.deliveries || !inst.processing) return;
  const c = s.consumers[inst.consumer]!;
  const instance = c.instances.indexOf(inst.index);
  const restart = c.config.restartMs ?? 1000;
  const up = s.outageEdges.push({
    consumer: c.node,
    instance,
    down: false,
    reason: `instance ${instance} restarted after its crash`,
  });
  setDown(
    s,
    c,
    instance,
    true,
    false,
    `instance ${instance} crashed (crashRate ${c.config.crashRate}); restarts in ${restart} ms`,
  );
  s.sched.push(s.now + restart, TASK.consumerOutage, up - 1, 0);
}

/** The pending delivery of `partition` with the lowest offset, or -1. */
export function pendingOf(pending: Delivery[], partition: number): number {
  let best = -1;
  for (let i = 0; i < pending.length; i++)
    if (pending[i]!.partition === partition && (best < 0 || pending[i]!.offset < pending[best]!.offset))
      best = i;
  return best;
}

/** A moved delivery arrives at its new owner by that consumer's own path (a group may span consumer nodes). */
export function adopt(o: Owned, d: Delivery): Delivery {
  if (!o.paths.some((p) => p.edges[p.edges.length - 1] === d.edge))
    d.edge = o.paths[0]!.edges[o.paths[0]!.edges.length - 1]!;
  return d;
}
