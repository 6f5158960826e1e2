import { z } from 'zod';
import { FlowEvent } from '../trace/event.js';
import { Hop } from '../trace/hop.js';

/**
 * The values socket commands ack with, as zod schemas: the protocol table names one per command, the
 * socket.io maps are derived from them, and tests parse every answer with them.
 */

/** Commands that only confirm: the ack's value is `null`. */
export const Done = z.null();

/** One event as listed by `trace:query`: its envelope and what became of it along each subscription. */
export const EventRow = z.object({
  id: z.string(),
  type: z.string(),
  t: z.number(),
  node: z.string(),
  key: z.string().optional(),
  parent: z.string().optional(),
  /** Per `node/group` subscription, the last hop type seen there. */
  outcomes: z.record(z.string(), z.string()),
});
export type EventRow = z.infer<typeof EventRow>;

export const TracePath = z.object({
  /** Every hop of the event and its chained descendants, in `seq` order. */
  hops: z.array(Hop),
  events: z.array(FlowEvent),
  /** True when some of those hops were already evicted from the bounded store. */
  truncated: z.boolean(),
});
export type TracePath = z.infer<typeof TracePath>;

/** One retained entry of a topic partition, as `topic:read` lists it. */
export const TopicEntry = z.object({
  offset: z.number().int(),
  eventId: z.string(),
  type: z.string(),
  key: z.string().optional(),
  /** Simulated ms the entry was published (appended to the partition). */
  t: z.number(),
});
export type TopicEntry = z.infer<typeof TopicEntry>;

export const TopicPartitionView = z.object({
  partition: z.number().int(),
  /** Oldest offset still retained (and readable); `next` is the offset the next publish gets. */
  oldest: z.number().int(),
  next: z.number().int(),
  /**
   * Retained entries in offset order (empty for partitions other than the one asked for); entries whose event
   * record left the run's store are skipped.
   */
  events: z.array(TopicEntry),
});
export type TopicPartitionView = z.infer<typeof TopicPartitionView>;

/** A consumer group subscribed to the topic: where it reads each partition and how far it trails. */
export const TopicGroupView = z.object({
  group: z.string(),
  /** The consumer node that reads for this group (the one `group:replay` takes). */
  consumerNodeId: z.string(),
  /** Per partition: the next offset the group fetches (everything below it has been handed out). */
  committed: z.array(z.number().int()),
  /** Per partition: `next - committed`, entries published that the group has not fetched yet. */
  lag: z.array(z.number().int()),
});
export type TopicGroupView = z.infer<typeof TopicGroupView>;

export const TopicView = z.object({
  nodeId: z.string(),
  /** Simulated ms when it was read. */
  t: z.number(),
  partitions: z.array(TopicPartitionView),
  groups: z.array(TopicGroupView),
});
export type TopicView = z.infer<typeof TopicView>;

export const HelloReply = z.object({ protocolVersion: z.number().int(), sessionToken: z.string() });
/** `flowRevision` is `flowRevision(flow)` of the flow as the server parsed it: the run is of that document. */
export const RunStarted = z.object({ runId: z.string(), flowRevision: z.string() });
export const StepReply = z.object({ hops: z.number().int() });
export const AdvanceReply = z.object({ t: z.number() });
/** Stored hops from the asked seq; `complete` is false when some were evicted or more were due than one answer carries. */
export const ResyncReply = z.object({ hops: z.array(Hop), complete: z.boolean() });
export const WatchReply = ResyncReply.extend({ flowRevision: z.string() });
export const ShareReply = z.object({ viewKey: z.string() });
export const FireReply = z.object({ eventId: z.string() });
export const QueryReply = z.object({
  events: z.array(EventRow),
  cursor: z.string().optional(),
  total: z.number().int(),
  /** The 0-based row of `events[0]` in the matching list (`total` when the page is empty). */
  offset: z.number().int().min(0).optional(),
});
export const BreakpointsReply = z.object({ enabled: z.number().int() });

export type ResyncReply = z.infer<typeof ResyncReply>;
export type QueryReply = z.infer<typeof QueryReply>;
