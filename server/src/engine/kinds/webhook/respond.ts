import { H } from '../../hop-codes.js';
import type { Ctx } from '../../ctx.js';
import { recordEndToEnd } from '../../latency.js';
import { reasonCode, type Delivery, type RtConsumer, type RtInstance } from '../../state.js';
import { ack, deliveryHop, retryOrGiveUp } from '../consumer/consume.js';
import { giveUp } from '../consumer/give-up.js';

/**
 * A webhook attempt's answer arrived (or its timeout fired): 2xx acks; 4xx is the receiver refusing this
 * event, so it is not retried and goes to the dead-letter edge (or is dropped); 5xx and timeouts are
 * retried with backoff until `maxAttempts`. Every hop after `delivered` carries the status.
 */
export function onWebhookResponse(s: Ctx, inst: RtInstance, c: RtConsumer, d: Delivery) {
  const status = d.status;
  if (status >= 200 && status < 300) {
    // A webhook ends its chain (it emits nothing), so its success is an end-to-end arrival.
    recordEndToEnd(s, d.event);
    ack(s, inst, c, d);
    return;
  }
  const why = status === 0 ? `timed out after ${c.endpoint!.timeoutMs} ms` : `HTTP ${status}`;
  const client = status >= 400 && status < 500;
  const explained = client
    ? `${why}: the endpoint refused the event (a client error is not retried)`
    : status === 0
      ? why
      : `${why}: the endpoint failed (a server error is retried)`;
  deliveryHop(s, H.failed, inst, c, d, -1, reasonCode(s, explained));
  s.counters.failures++;
  s.counters.nodeFailed[c.node]!++;
  if (client) giveUp(s, inst, c, d, `${why} (a client error is not retried)`, true);
  else retryOrGiveUp(s, inst, c, d, why);
}
