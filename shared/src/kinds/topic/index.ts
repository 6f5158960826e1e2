import { z } from 'zod';
import { kindNode, PositiveMs } from '../../flow/primitives.js';
import type { SharedKind } from '../kind.js';

export const Retention = z.strictObject({
  /** Per partition: the oldest events beyond this count are removed. */
  maxEvents: z.number().int('must be an integer').min(1, 'must be ≥ 1').optional(),
  /** Per partition: events older than this (simulated ms since publish) are removed. */
  maxAgeMs: z.number().finite().positive('must be > 0').optional(),
});
export type Retention = z.infer<typeof Retention>;

export const TopicConfig = z.strictObject({
  partitions: z
    .number()
    .int('must be an integer')
    .min(1, 'must be an integer ≥ 1')
    .max(256, 'must be at most 256')
    .default(1),
  /** Broker hop latency in simulated ms, applied between publish and delivery. */
  latencyMs: PositiveMs.default(1),
  retention: Retention.default({}),
});
export type TopicConfig = z.infer<typeof TopicConfig>;

export const topic = {
  kind: 'topic',
  title: 'Topic',
  config: TopicConfig,
  node: kindNode('topic', TopicConfig.prefault({})),
  starter: {},
  connects: {
    to: ['consumer', 'filter', 'webhook'],
    whyNot: {
      topic: 'a topic cannot feed another topic directly: put a consumer in between that re-publishes',
      router:
        'a router sits on the publish side, like an exchange: connect the producer (or an emitting consumer) to the router and the router to topics',
    },
  },
  expressions: () => [],
} satisfies SharedKind<'topic'>;
