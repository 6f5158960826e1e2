import { z } from 'zod';
import { CelSource } from './primitives.js';

/**
 * A query: a consumer reads one row of a projection's read model while it processes an event
 * ([decision 0029](../../../docs/decisions/0029-stale-reads-topic-projections-late-joins.md)). The row is the
 * consumer's `row` in its emits; the read is a hop of the consumer that says whether the row was stale.
 */
export const QueryConfig = z.strictObject({
  /** CEL over the consumed `event`, `data` and `key`: the aggregate (row) to read; default the event's key. */
  key: CelSource.default('key'),
});
export type QueryConfig = z.infer<typeof QueryConfig>;

/** The config of a query edge that names none: it reads the row of the consumed event's key. */
export const defaultQuery = (): QueryConfig => QueryConfig.parse({});
