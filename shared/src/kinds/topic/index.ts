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

/** The broker is down from `at` for `for` simulated ms: nothing is published to the topic or fetched from it. */
export const Outage = z.strictObject({
  at: PositiveMs,
  for: z.number().finite().positive('must be > 0'),
});
export type Outage = z.infer<typeof Outage>;

/** Outages in time order, each starting after the previous one ended, so "down" is one interval at a time. */
export const Outages = z
  .array(Outage)
  .max(32, 'must have at most 32 outages')
  .superRefine((list, ctx) => {
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      if (list[i]!.at < prev.at + prev.for)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'at'],
          message: `must be at or after the end of the previous outage (${prev.at + prev.for} ms)`,
        });
    }
  });

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
  /** Scheduled broker outages (simulated ms); `run:topic-outage` takes a topic down or up by hand too. */
  outages: Outages.optional(),
});
export type TopicConfig = z.infer<typeof TopicConfig>;

export const topic = {
  kind: 'topic',
  title: 'Topic',
  config: TopicConfig,
  node: kindNode('topic', TopicConfig.prefault({})),
  starter: {},
  connects: {
    to: ['consumer', 'filter', 'webhook', 'projection'],
    whyNot: {
      topic: 'a topic cannot feed another topic directly: put a consumer in between that re-publishes',
      router:
        'a router sits on the publish side, like an exchange: connect the producer (or an emitting consumer) to the router and the router to topics',
    },
  },
  expressions: () => [],
} satisfies SharedKind<'topic'>;
