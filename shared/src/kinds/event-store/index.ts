import { z } from 'zod';
import { CelSource, kindNode } from '../../flow/primitives.js';
import type { SharedKind } from '../kind.js';

export const EventStoreConfig = z.strictObject({
  /** CEL over `event`, `data` and `key`: the aggregate (stream) an event belongs to, e.g. `data.orderId`. */
  aggregateId: CelSource,
  /**
   * Optional CEL over the same variables: the aggregate version the writer last saw (0 = a new aggregate).
   * A write whose expectation is not the aggregate's current version is refused (optimistic concurrency);
   * `null`, or no expression, appends unconditionally.
   */
  expectedVersion: CelSource.optional(),
});
export type EventStoreConfig = z.infer<typeof EventStoreConfig>;

/** An append-only log of events per aggregate; events are never changed or deleted. */
export const eventStore = {
  kind: 'event-store',
  title: 'Event store',
  config: EventStoreConfig,
  node: kindNode('event-store', EventStoreConfig),
  starter: { aggregateId: 'data.orderId' },
  connects: {
    to: ['projection'],
    whyNot: {
      topic: 'an event store is read by projections: to publish what it stored, use a consumer that emits',
      consumer: 'a consumer reads topics: connect a projection to the store to build a read model',
    },
  },
  expressions: (c) => [
    { field: 'aggregateId', source: c.aggregateId, context: 'aggregate' },
    ...(c.expectedVersion === undefined
      ? []
      : [{ field: 'expectedVersion', source: c.expectedVersion, context: 'aggregate' as const }]),
  ],
} satisfies SharedKind<'event-store'>;
