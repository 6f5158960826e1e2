import { fail, ok, type Result } from '@eventflow/shared';
import { TASK, type Ctx } from '../../ctx.js';
import { cloudEventOf } from '../../event-view.js';
import type { Delivery, RtConsumer, RtInstance } from '../../state.js';

/**
 * A real endpoint's attempt: the engine does no I/O, so it puts the request in the outbox the run host drains
 * and parks the delivery (nothing is scheduled) until `answer` brings the status back. Request ids count up
 * from 1 in the order attempts start, so a replay of the same flow and seed sends the same ids.
 */
export function sendRequest(s: Ctx, inst: RtInstance, c: RtConsumer, d: Delivery, url: string) {
  const id = ++s.webhooks.lastId;
  s.webhooks.outbox.push({
    id,
    nodeId: s.nodeIds[c.node]!,
    url,
    timeoutMs: c.endpoint!.timeoutMs,
    body: cloudEventOf(s, d.event),
  });
  s.webhooks.parked.set(id, { instance: inst.index, gen: inst.gen, delivery: d });
}

/**
 * The run host's answer to a request (an HTTP status, 0 for a timeout or no connection): the parked attempt
 * ends now, at the engine's current position, through the same classification as a modelled one.
 */
export function answer(s: Ctx, requestId: number, status: number): Result<null> {
  const parked = s.webhooks.parked.get(requestId);
  if (!parked) return fail('invalid-payload', `no webhook request ${requestId} is waiting for an answer`);
  s.webhooks.parked.delete(requestId);
  const inst = s.instances[parked.instance]!;
  // The instance moved on (its partitions were reassigned): the answer belongs to an abandoned attempt.
  if (inst.gen !== parked.gen || inst.current !== parked.delivery) return ok(null);
  parked.delivery.status = status;
  s.sched.push(s.now, TASK.done, inst.index, inst.gen);
  return ok(null);
}
