import { z } from 'zod';
import { CelSource, kindNode } from '../../flow/primitives.js';
import type { SharedKind } from '../kind.js';
import { RateSchedule } from './schedule.js';
import { SchemaVersionNumber } from '../../event-schemas/schema.js';

export const ProducerConfig = z.strictObject({
  /** CloudEvent `type` of what this producer publishes, e.g. "OrderPlaced". */
  eventType: z.string().min(1, 'must not be empty').max(128),
  /** Events per simulated second; 0 means the producer only fires by hand. */
  rate: z.number().finite().min(0, 'must be ≥ 0').max(1_000_000, 'must be at most 1,000,000').default(1),
  /** Stop after this many events; absent means unbounded. */
  count: z.number().int('must be an integer').min(0, 'must be ≥ 0').optional(),
  arrival: z.enum(['fixed', 'poisson']).default('fixed'),
  /** CEL giving the partition/ordering key; absent means keyless (round-robin). */
  key: CelSource.optional(),
  /** The version of the event type's schema it publishes (`schemas` in the flow); absent means the newest. */
  schemaVersion: SchemaVersionNumber.optional(),
  /** CEL building the event data; absent means `{ "seq": seq }`. */
  payload: CelSource.optional(),
  /** The rate over time (steps or one spike), on top of `rate`; absent means `rate` throughout. */
  schedule: RateSchedule.optional(),
  /**
   * While a topic it publishes to is down: lose the event there (`publish-failed`, the default) or hold it
   * until the topic is back. Optional rather than defaulted, so flows written before it parse unchanged.
   */
  onTopicDown: z.enum(['fail', 'buffer']).optional(),
  /** Most events held at once while topics are down (`buffer`; default 1000); one more fails instead. */
  bufferLimit: z
    .number()
    .int('must be an integer')
    .min(1, 'must be ≥ 1')
    .max(100_000, 'must be at most 100,000')
    .optional(),
});
export type ProducerConfig = z.infer<typeof ProducerConfig>;

export const producer = {
  kind: 'producer',
  title: 'Producer',
  config: ProducerConfig,
  node: kindNode('producer', ProducerConfig),
  starter: { eventType: 'OrderPlaced' },
  connects: {
    to: ['topic', 'filter', 'router', 'event-store'],
    whyNot: {
      consumer:
        'a producer cannot connect to a consumer directly: publish to a topic and subscribe the consumer to it',
      producer: 'a producer cannot feed another producer: producers only publish',
    },
    into: 'nothing can flow into a producer: producers only publish',
  },
  expressions: (c) => [
    { field: 'key', source: c.key, context: 'key' },
    { field: 'payload', source: c.payload, context: 'payload' },
  ],
} satisfies SharedKind<'producer'>;
