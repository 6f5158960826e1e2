import type { MessagePropertyHeaders } from 'amqplib';
import { z } from 'zod';

/** Deliveries before this copy of the message: set when a delayed retry re-publishes it (the quorum count restarts). */
export const DELIVERIES_HEADER = 'x-eventflow-deliveries';
/**
 * The delay a nak'ed copy waits; the retry headers exchange routes on it to the queue with that TTL. Not `x-`:
 * a headers exchange leaves binding arguments that start with `x-` out of the match (unless x-match is
 * all-with-x, RabbitMQ 3.10+), so each retry queue's binding matched every copy and a nak put one copy in every
 * retry queue declared so far, each of which came back to the group queue after its own delay.
 */
export const DELAY_HEADER = 'eventflow-delay';
export const REASON_HEADER = 'x-eventflow-reason';
export const TOPIC_HEADER = 'x-eventflow-topic';
export const KEY_HEADER = 'x-eventflow-key';

/** Headers come from the broker (and anyone who published there): parsed, never trusted. */
const Count = z.coerce.number().int().nonnegative();

function countIn(headers: MessagePropertyHeaders | undefined, name: string): number {
  const parsed = Count.safeParse(headers?.[name]);
  return parsed.success ? parsed.data : 0;
}

/**
 * Deliveries including this one. The quorum queue adds x-delivery-count (absent on the first delivery, 1 on the
 * second) for redeliveries of this copy; a delayed retry is a new copy, which carries the earlier deliveries.
 */
export function deliveryCountOf(headers: MessagePropertyHeaders | undefined): number {
  return countIn(headers, DELIVERIES_HEADER) + countIn(headers, 'x-delivery-count') + 1;
}
