import { H } from '../../hop-codes.js';
import { hop, TASK, type Ctx } from '../../ctx.js';
import { reasonCode, type RtConsumer, type RtInstance } from '../../state.js';
import { ensureInstances, isDown } from './instances.js';
import { markerEvent, rebalance, vacate } from './membership.js';

/**
 * The lag of the group on what this consumer reads: entries published but not yet fetched, plus deliveries
 * waiting for a new owner. A group spanning nodes on other topics is left out: this node's instances cannot
 * work that off, and counting it would keep the checks going for ever.
 */
export function lagOf(s: Ctx, c: RtConsumer): number {
  let n = 0;
  for (const sub of s.subs) {
    if (!c.paths.has(sub.index)) continue;
    const logs = s.topics[sub.topic]!.logs;
    for (let p = 0; p < logs.length; p++) n += logs[p]!.end - sub.next[p]!;
    n += sub.pending.length;
  }
  return n;
}

/** Asks for a lag check at `at` (simulated ms) unless one is already scheduled. */
export function armScale(s: Ctx, c: RtConsumer, at = s.now): void {
  const scale = c.scale;
  if (!scale || scale.pending) return;
  scale.pending = true;
  s.sched.push(Math.max(at, s.now), TASK.scale, c.node, 0);
}

/**
 * One lag check: scale out to ⌈lag / targetLag⌉ (at most `max`), or in by one when the lag is under half the
 * target per remaining instance (never below `min`), never within `cooldownMs` of the last scaling. Checks repeat every `cooldownMs` while there is lag
 * or room to shrink and some instance is up to work it off; otherwise the next publish asks again.
 */
export function onScale(s: Ctx, c: RtConsumer): void {
  const scale = c.scale;
  const a = c.config.autoscale;
  if (!scale || !a) return;
  scale.pending = false;
  const lag = lagOf(s, c);
  const desired = Math.min(a.max, Math.max(a.min, Math.ceil(lag / a.targetLag)));
  // Scaling in waits until the lag is under half the target per remaining instance, so it does not flap.
  const fewer = Math.max(a.min, Math.ceil((2 * lag) / a.targetLag));
  const cooled = s.now - scale.lastAt >= a.cooldownMs;
  const retiring = c.instances.slice(0, c.active).some((k) => s.instances[k]!.retiring);
  if (cooled && desired > c.active) scaleOut(s, c, desired, lag);
  else if (cooled && fewer < c.active && !retiring) scaleIn(s, c, fewer, lag);
  const anyUp = c.instances.slice(0, c.active).some((k) => !s.instances[k]!.down);
  if (anyUp && (lag > 0 || c.active > fewer)) armScale(s, c, s.now + a.cooldownMs);
}

function scaleOut(s: Ctx, c: RtConsumer, to: number, lag: number): void {
  const from = c.active;
  for (const k of c.instances) s.instances[k]!.retiring = false;
  c.active = to;
  ensureInstances(s, c);
  for (const k of c.instances.slice(from, to)) {
    const inst = s.instances[k]!;
    inst.down = isDown(c, inst.held, inst.outages);
  }
  const target = c.config.autoscale!.targetLag;
  scaled(
    s,
    c,
    `scaled out ${from} → ${to} instances: lag ${lag} is over ${target} per instance`,
    'scaled-out',
  );
}

function scaleIn(s: Ctx, c: RtConsumer, desired: number, lag: number): void {
  const inst = s.instances[c.instances[c.active - 1]!]!;
  const reason = `scaled in ${c.active} → ${c.active - 1} instances: lag ${lag} needs only ${desired}`;
  c.scale!.lastAt = s.now;
  if (inst.busy) {
    // The instance leaves when its current delivery ends, so nothing it started is cut short.
    inst.retiring = true;
    c.scale!.retireReason = `${reason} (instance ${inst.ordinal} left after its delivery)`;
    return;
  }
  leave(s, c, inst, reason);
}

/** A retiring instance has finished its delivery: it leaves the group now. */
export function retire(s: Ctx, inst: RtInstance): void {
  const c = s.consumers[inst.consumer]!;
  leave(s, c, inst, c.scale?.retireReason ?? 'scaled in');
}

function leave(s: Ctx, c: RtConsumer, inst: RtInstance, reason: string): void {
  inst.retiring = false;
  vacate(s, inst, c, 'scaled in');
  c.active--;
  scaled(s, c, reason, 'scaled-in');
}

function scaled(s: Ctx, c: RtConsumer, reason: string, change: 'scaled-out' | 'scaled-in'): void {
  c.scale!.lastAt = s.now;
  const event = markerEvent(s, c, change, reason);
  hop(s, H.scaled, event, c.node, -1, c.group, -1, -1, -1, 0, reasonCode(s, reason));
  rebalance(s, c, event);
}
