import { z } from 'zod';
import { NodeRef, RunId } from './commands.js';

/** Most rows (or audit entries) one read returns: a read model is a table on screen, not an export. */
export const READ_MODEL_MAX = 500;

/**
 * A projection's read model as of hop `seq` (the run's newest visible hop when left out): what a user
 * stepping through the trace sees, so a row changes at the hop its projection applied the event, not at the
 * hop the store wrote it.
 */
export const ProjectionRead = z.strictObject({
  runId: RunId,
  nodeId: NodeRef,
  seq: z.number().int().min(0).optional(),
});
export type ProjectionRead = z.infer<typeof ProjectionRead>;

/** Rebuilds a projection's read model from store position 0, or from its newest snapshot. */
export const ProjectionRebuild = z.strictObject({
  runId: RunId,
  nodeId: NodeRef,
  fromSnapshot: z.boolean().default(false),
});
export type ProjectionRebuild = z.infer<typeof ProjectionRebuild>;

/** One aggregate's events in an event store, for the audit view. */
export const AggregateRead = z.strictObject({
  runId: RunId,
  nodeId: NodeRef,
  aggregate: z.string().min(1).max(256),
});
export type AggregateRead = z.infer<typeof AggregateRead>;

export const ReadModelRow = z.object({
  aggregate: z.string(),
  /** The aggregate version the row reflects: how many of its events the projection has applied. */
  version: z.number().int(),
  /** The reducer's result, plain JSON. */
  state: z.json(),
  /** Simulated ms the row last changed. */
  t: z.number(),
});
export type ReadModelRow = z.infer<typeof ReadModelRow>;

export const ReadModelView = z.object({
  nodeId: z.string(),
  /** The hop read as of, and its simulated ms. */
  seq: z.number().int(),
  t: z.number(),
  /** Rows sorted by aggregate id, at most `READ_MODEL_MAX`; `total` counts them all. */
  rows: z.array(ReadModelRow),
  total: z.number().int(),
  /** Events the store had written by `seq`, and how many of them the projection had applied. */
  written: z.number().int(),
  applied: z.number().int(),
  /** Simulated ms since the oldest event not yet applied was stored (0 when caught up). */
  behindMs: z.number(),
  /**
   * Per aggregate whose row is stale at `seq`: the newest version written by then and how many ms before `t`
   * it was written. A read of that row gets the row's older version: eventual consistency.
   */
  ahead: z.record(z.string(), z.object({ version: z.number().int(), msAgo: z.number() })),
  /** A rebuild under way at `seq`: store positions replayed, of the live position it catches up with. */
  rebuilding: z.object({ done: z.number().int(), of: z.number().int() }).optional(),
});
export type ReadModelView = z.infer<typeof ReadModelView>;

export const AuditEntry = z.object({
  /** Position in the store (from 0), the aggregate version it made (from 1) and when it was stored. */
  position: z.number().int(),
  version: z.number().int(),
  t: z.number(),
  seq: z.number().int(),
  eventId: z.string(),
  type: z.string(),
  /** Who caused it: the node that created the event, and the event it was chained from (if any). */
  source: z.string(),
  causationId: z.string().optional(),
  correlationId: z.string(),
  data: z.json(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AggregateView = z.object({
  nodeId: z.string(),
  aggregate: z.string(),
  entries: z.array(AuditEntry),
  /** Writes refused for this aggregate (optimistic concurrency), counted, not stored. */
  conflicts: z.number().int(),
});
export type AggregateView = z.infer<typeof AggregateView>;
