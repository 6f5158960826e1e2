import { z } from 'zod';
import { Backoff, CelSource, Duration, kindNode, Probability } from '../../flow/primitives.js';
import type { KindExpression, SharedKind } from '../kind.js';

export const Emit = z.strictObject({
  eventType: z.string().min(1, 'must not be empty').max(128),
  /** CEL over the consumed `event`/`data`; absent means the consumed data is passed on. */
  payload: CelSource.optional(),
});
export type Emit = z.infer<typeof Emit>;

export const DeliveryGuarantee = z.enum(['at-most-once', 'at-least-once', 'exactly-once']);
export type DeliveryGuarantee = z.infer<typeof DeliveryGuarantee>;

export const ConsumerConfig = z.strictObject({
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
});
export type ConsumerConfig = z.infer<typeof ConsumerConfig>;

export const consumer = {
  kind: 'consumer',
  title: 'Consumer',
  config: ConsumerConfig,
  node: kindNode('consumer', ConsumerConfig.prefault({})),
  starter: {},
  connects: {
    to: ['topic', 'filter', 'router'],
    whyNot: {
      consumer:
        'a consumer cannot call another consumer directly: emit to a topic the other consumer subscribes to',
    },
    deadLetterTo: ['topic'],
  },
  expressions: (c) =>
    Array.isArray(c.emits)
      ? c.emits.flatMap((e: unknown, j): KindExpression[] =>
          typeof e === 'object' && e !== null
            ? [{ field: `emits.${j}.payload`, source: (e as { payload?: unknown }).payload, context: 'emit' }]
            : [],
        )
      : [],
} satisfies SharedKind<'consumer'>;
