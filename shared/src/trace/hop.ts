import { z } from 'zod';
import { BrokerLocation } from './broker.js';

export const HOP_TYPES = [
  'produced',
  'published',
  'routed',
  'filtered',
  'filter-error',
  'delivered',
  'processed',
  'failed',
  'retry-scheduled',
  'acked',
  'dropped',
  'duplicate-skipped',
  'dead-lettered',
  'expired',
  'emitted',
  // Appended, never inserted: the engine stores hop types as their index here.
  'unrouted',
  /** Held by its producer while the topic it was going to is down; `published` follows when it is back. */
  'buffered',
  /** Not published: the topic was down (and the producer does not buffer, or its buffer was full). */
  'publish-failed',
  // Membership: an instance or a group going down or coming back, a scaling, and the partition moves that
  // follow, each a hop of one membership marker event at the consumer node; `crashed` is a delivery's hop.
  'instance-down',
  'instance-up',
  'scaled',
  'rebalanced',
  'crashed',
  // Event sourcing: an event appended to a store (`offset` = its position in the store, `reason` = the
  // aggregate and its new version), a write refused by optimistic concurrency or a failing aggregate id, and
  // a projection applying a stored event to its read model (or failing to, the row left unchanged).
  'stored',
  'store-conflict',
  'store-error',
  'projected',
  'projection-error',
  /** A projection's rebuild caught up with its live read model and replaced it (the reason says if they differed). */
  'rebuilt',
  // Service calls (decision 0025): each a hop of the caller's event at the callee node, along the call edge.
  /** The caller asked; the reason says how many calls were ahead of it when the callee was busy. */
  'called',
  /** The callee answered in time; the caller goes on (to its next call or to finishing its processing). */
  'call-answered',
  /** The callee answered with a failure; the caller's processing fails with reason `call-failed`. */
  'call-failed',
  /** No answer within the edge's timeoutMs; the caller's processing fails with reason `call-timeout`. */
  'call-timed-out',
  // Queries (decision 0029): a consumer reading one row of a projection while it processes an event, a hop
  // of that event at the consumer along the query edge. The reason names the row's version and, when stale,
  // the newer version its source had written meanwhile and how long before.
  /** The row read was current: the projection had applied every version of it written so far. */
  'read',
  /** The row read was stale: a newer version was written to the projection's source but not yet applied. */
  'stale-read',
] as const;
export const HopType = z.enum(HOP_TYPES);
export type HopType = z.infer<typeof HopType>;

/**
 * One step of one event through the flow. The CLI's `--trace` NDJSON lines, the socket's `trace:hops`
 * and `trace:get` all carry exactly this shape. Optional fields are omitted (never null) when they do not apply.
 */
export const Hop = z.object({
  /** Run-wide total order, from 1; breaks ties on equal `t`. */
  seq: z.number().int(),
  /** Simulated ms since the run started; never wall time. */
  t: z.number(),
  type: HopType,
  /** CloudEvent id of the event this hop is about. */
  event: z.string(),
  /** W3C trace id (32 hex digits) shared by an event and every event chained from it. */
  trace: z.string(),
  /** Node where the hop happened. */
  node: z.string(),
  /** Edge the event travelled along to get here, when it moved. */
  edge: z.string().optional(),
  /** Consumer group, for subscription hops. */
  group: z.string().optional(),
  /** Consumer instance index (0-based) within its group. */
  instance: z.number().int().optional(),
  partition: z.number().int().optional(),
  /** Offset within the partition, from 0. */
  offset: z.number().int().optional(),
  /** Delivery attempt, from 1. */
  attempt: z.number().int().optional(),
  /** The event this one was chained from (on `produced`/`emitted` hops of child events). */
  parent: z.string().optional(),
  /** Why: the failing expression, the retention rule, "max attempts reached", … */
  reason: z.string().optional(),
  /** HTTP status code of a webhook attempt's response (absent for a timeout and on every other hop). */
  status: z.number().int().min(100).max(599).optional(),
  /** A broker run's hop about a message on the broker: where to find it there (absent in simulated runs). */
  broker: BrokerLocation.optional(),
});
export type Hop = z.infer<typeof Hop>;

/** Hop types that end an event's journey along one subscription. */
export const TERMINAL_HOP_TYPES = [
  'acked',
  'filtered',
  'dropped',
  'dead-lettered',
  'expired',
] as const satisfies readonly HopType[];
