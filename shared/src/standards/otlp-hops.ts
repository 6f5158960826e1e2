import type { Hop, HopType } from '../trace/hop.js';
import type { OtlpKeyValue, OtlpSpanEvent } from './otlp-schema.js';
import { int, str } from './otlp-values.js';

/** Hops after which an event did not get where it was going: its event span gets an error status. */
export const LOST: ReadonlySet<HopType> = new Set([
  'dropped',
  'dead-lettered',
  'expired',
  'publish-failed',
  'filter-error',
  'unrouted',
]);
/** Hops about a group's instances, not about an event. */
export const MEMBERSHIP: ReadonlySet<HopType> = new Set([
  'instance-down',
  'instance-up',
  'scaled',
  'rebalanced',
]);
/** Hops that end a processing attempt (or, for a webhook, a POST). */
export const ATTEMPT_END: ReadonlySet<HopType> = new Set([
  'processed',
  'failed',
  'crashed',
  'duplicate-skipped',
  'acked',
  'dead-lettered',
  'dropped',
]);

/** `Array.prototype.findLast` is ES2023; the workspace targets ES2022. */
export function lastOf<T>(xs: readonly T[], pick: (x: T) => boolean): T | undefined {
  for (let i = xs.length - 1; i >= 0; i--) {
    const x = xs[i];
    if (x !== undefined && pick(x)) return x;
  }
  return undefined;
}

/** A hop as a span event: its type, where it happened and the fields it carries. */
export function hopEvent(hop: Hop, time: (t: number) => string): OtlpSpanEvent {
  const a: OtlpKeyValue[] = [int('eventflow.seq', hop.seq), str('eventflow.node.id', hop.node)];
  if (hop.edge !== undefined) a.push(str('eventflow.edge.id', hop.edge));
  if (hop.group !== undefined) a.push(str('messaging.consumer.group.name', hop.group));
  if (hop.instance !== undefined) a.push(int('eventflow.instance', hop.instance));
  if (hop.partition !== undefined) a.push(str('messaging.destination.partition.id', `${hop.partition}`));
  if (hop.offset !== undefined) a.push(int('eventflow.offset', hop.offset));
  if (hop.attempt !== undefined) a.push(int('eventflow.attempt', hop.attempt));
  if (hop.parent !== undefined) a.push(str('cloudevents.causation_id', hop.parent));
  if (hop.reason !== undefined) a.push(str('eventflow.reason', hop.reason));
  if (hop.status !== undefined) a.push(int('http.response.status_code', hop.status));
  return { timeUnixNano: time(hop.t), name: hop.type, attributes: a };
}
