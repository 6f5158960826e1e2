import type { EventVars } from './event-view.js';
import type { State } from './state.js';

/** Task kinds in the scheduler. */
export const TASK = {
  produce: 1,
  done: 2,
  retry: 3,
  wake: 4,
  expire: 5,
  outage: 6,
  rate: 7,
  // Membership's tasks, numbered after the topic outage and rate schedule ones.
  consumerOutage: 8,
  scale: 9,
  crash: 10,
  // A projection applying the next stored event (live), and a rebuild replaying the next one.
  project: 11,
  rebuild: 12,
  // Service calls: a callee's answer (arg: call id) and a caller's timeout (arg: instance, gen: call id).
  callAnswer: 13,
  callTimeout: 14,
  // A projection added mid-run (decision 0029): its join, then each catch-up step replaying its source.
  join: 15,
} as const;

export interface Ctx extends State {
  vars: EventVars;
}

/** Appends a hop at the current time. Edge, group and reason are codes (index + 1; 0 = none). */
export function hop(
  s: Ctx,
  type: number,
  event: number,
  node: number,
  edge = -1,
  group = -1,
  instance = -1,
  partition = -1,
  offset = -1,
  attempt = 0,
  reason = 0,
  status = 0,
): void {
  s.hops.append(
    s.now,
    type,
    event,
    node,
    edge + 1,
    group + 1,
    instance,
    partition,
    offset,
    attempt,
    reason,
    status,
  );
}

/** Records a terminal outcome for one (publication × subscription) pair. */
export function settle(s: Ctx, event: number) {
  s.counters.accounted++;
  s.events.ref(event, -1);
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
