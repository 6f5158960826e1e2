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
  /**
   * Compensation: events emitted when the consumer gives up on an event (dead-lettered or dropped after its
   * attempts), with CEL over the failed event. They are children of it, so a saga's undo reads as one chain.
   */
  emitsOnGiveUp: z.array(Emit).max(16).optional(),
});
export type ConsumerConfig = z.infer<typeof ConsumerConfig>;

function emitExpressions(c: Record<string, unknown>, field: 'emits' | 'emitsOnGiveUp'): KindExpression[] {
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
    to: ['topic', 'filter', 'router'],
    whyNot: {
      consumer:
        'a consumer cannot call another consumer directly: emit to a topic the other consumer subscribes to',
    },
    deadLetterTo: ['topic'],
  },
  expressions: (c) => [...emitExpressions(c, 'emits'), ...emitExpressions(c, 'emitsOnGiveUp')],
} satisfies SharedKind<'consumer'>;
