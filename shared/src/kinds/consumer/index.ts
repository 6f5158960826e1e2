import { z } from 'zod';
import { Backoff, CelSource, Duration, kindNode, Probability } from '../../flow/primitives.js';
import type { KindExpression, SharedKind } from '../kind.js';
import { Autoscale, MAX_OUTAGE_MS, Outage } from './membership.js';
import { ReadVersions, Upcaster } from '../../event-schemas/schema.js';

export { Autoscale, MAX_OUTAGE_MS, Outage } from './membership.js';

export const Emit = z.strictObject({
  eventType: z.string().min(1, 'must not be empty').max(128),
  /** CEL over the consumed `event`/`data`; absent means the consumed data is passed on. */
  payload: CelSource.optional(),
});
export type Emit = z.infer<typeof Emit>;

export const DeliveryGuarantee = z.enum(['at-most-once', 'at-least-once', 'exactly-once']);
export type DeliveryGuarantee = z.infer<typeof DeliveryGuarantee>;

export const ConsumerConfig = z
  .strictObject({
    /** Consumer group; consumers sharing a group compete, distinct groups each get every event. Defaults to the node id. */
    group: z.string().min(1).max(64).optional(),
    instances: z
      .number()
      .int('must be an integer')
      .min(1, 'must be an integer ≥ 1')
      .max(64, 'must be at most 64')
      .default(1),
    processingMs: Duration.default(10),
    /** Chance that processing throws before any side effect. */
    failureRate: Probability.default(0),
    /** Chance that the side effect happens but the ack is lost (a crash after processing). */
    ackLossRate: Probability.default(0),
    delivery: DeliveryGuarantee.default('at-least-once'),
    maxAttempts: z.number().int('must be an integer').min(1, 'must be an integer ≥ 1').max(100).default(3),
    backoffMs: Backoff.default(100),
    /** "blocking" holds the partition until the event succeeds or gives up; "requeue" lets later events pass. */
    retry: z.enum(['blocking', 'requeue']).default('blocking'),
    emits: z.array(Emit).max(16).default([]),
    /**
     * Compensation: events emitted when the consumer gives up on an event (dead-lettered or dropped after its
     * attempts), with CEL over the failed event. They are children of it, so a saga's undo reads as one chain.
     */
    emitsOnGiveUp: z.array(Emit).max(16).optional(),
    /** Scheduled outages of the consumer or one of its instances (simulated ms). */
    outages: z.array(Outage).max(32, 'must hold at most 32 outages').optional(),
    autoscale: Autoscale.optional(),
    /** The schema versions it reads, per event type (its reader schemas); a type not listed is read as written. */
    reads: z.array(ReadVersions).max(32).optional(),
    /** Conversions of versions it does not read into ones it does, applied before its schema check. */
    upcasters: z.array(Upcaster).max(32).optional(),
    /** Chance that an instance crashes in the middle of a delivery (halfway through processing); it then restarts. */
    crashRate: Probability.optional(),
    /** How long a crashed instance stays down before it restarts (simulated ms); default 1000. */
    restartMs: z.number().finite().min(0, 'must be ≥ 0 ms').max(MAX_OUTAGE_MS).optional(),
  })
  .superRefine((c, ctx) => {
    // An outage of an instance the consumer can never have would silently do nothing.
    const most = c.autoscale ? Math.max(c.autoscale.max, c.instances) : c.instances;
    c.outages?.forEach((o, i) => {
      if (o.instance !== undefined && o.instance >= most)
        ctx.addIssue({
          code: 'custom',
          path: ['outages', i, 'instance'],
          message: `must be below ${most}: the consumer has at most ${most} instance${most === 1 ? '' : 's'}`,
        });
    });
  });
export type ConsumerConfig = z.infer<typeof ConsumerConfig>;

function emitExpressions(
  c: Record<string, unknown>,
  field: 'emits' | 'emitsOnGiveUp' | 'upcasters',
): KindExpression[] {
  const list = c[field];
  return Array.isArray(list)
    ? list.flatMap((e: unknown, j): KindExpression[] =>
        typeof e === 'object' && e !== null
          ? [
              {
                field: `${field}.${j}.payload`,
                source: (e as { payload?: unknown }).payload,
                context: 'emit',
              },
            ]
          : [],
      )
    : [];
}

export const consumer = {
  kind: 'consumer',
  title: 'Consumer',
  config: ConsumerConfig,
  node: kindNode('consumer', ConsumerConfig.prefault({})),
  starter: {},
  connects: {
    to: ['topic', 'filter', 'router', 'event-store'],
    whyNot: {
      consumer:
        'an event edge cannot join two consumers: emit to a topic the other consumer subscribes to, or make the edge a service call',
    },
    deadLetterTo: ['topic'],
    callTo: ['consumer'],
  },
  expressions: (c) => [
    ...emitExpressions(c, 'emits'),
    ...emitExpressions(c, 'emitsOnGiveUp'),
    // An upcaster reads the consumed event like an emit does, and builds data like one.
    ...emitExpressions(c, 'upcasters'),
  ],
} satisfies SharedKind<'consumer'>;
