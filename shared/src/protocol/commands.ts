import { z } from 'zod';
import { BrokerKind } from '../trace/broker.js';
import { HopType } from '../trace/hop.js';
import { RecordedHops } from '../trace/recorded.js';
import { ReplayScript } from '../replay/replay-file.js';
import { BoundedJson, jsonWithin } from './json-limits.js';

/**
 * The raw flow is validated by `parseFlow` (it reports every problem with a path), not by this schema; only
 * its nesting is bounded here, so nothing downstream walks a pathological document.
 */
const FlowPayload = z.unknown().superRefine(jsonWithin({ maxDepth: 64, maxBytes: 8 * 1024 * 1024 }));
export const RunId = z.string().min(1).max(64);
export const NodeRef = z.string().min(1).max(64);

/** Simulated time per wall second; "max" runs as fast as the worker can. */
export const Speed = z.union([z.number().min(0.01).max(1000), z.literal('max')]);
export type Speed = z.infer<typeof Speed>;

export const RunStart = z.strictObject({
  flow: FlowPayload,
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  speed: Speed.optional(),
  paused: z.boolean().optional(),
  /** A shared run's commands (`run:export-replay`): replayed at once, the run then waits where it was shared. */
  replay: ReplayScript.optional(),
  /** A broker the server offers (`GET /api/runtimes`) to run on instead of the simulator; absent = simulator. */
  runtime: BrokerKind.optional(),
  /** A recorded trace of this flow (`--trace`, the trace export): opened as a finished run, nothing is re-run. */
  recorded: RecordedHops.optional(),
  /**
   * A trace too large for one message, uploaded first (`POST /api/recorded`, decision 0030): the handle the upload
   * answered. Only the session that uploaded it may open it, once.
   */
  recordedUpload: z.string().min(1).max(64).optional(),
});
export const RunRef = z.strictObject({ runId: RunId });
export const RunStep = z.strictObject({ runId: RunId, hops: z.number().int().min(1).max(10_000).optional() });
export const RunAdvance = z.strictObject({ runId: RunId, ms: z.number().positive().max(86_400_000) });
export const RunSpeed = z.strictObject({ runId: RunId, speed: Speed });
export const RunSeed = z.strictObject({
  runId: RunId,
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
});
export const ProducerFire = z.strictObject({ runId: RunId, nodeId: NodeRef, data: BoundedJson.optional() });
/** Takes a topic's broker down (`down: true`) or brings it back, from the run's current simulated time. */
export const TopicOutage = z.strictObject({ runId: RunId, nodeId: NodeRef, down: z.boolean() });
export const NodeUpdate = z.strictObject({
  runId: RunId,
  nodeId: NodeRef,
  config: z.record(z.string(), z.unknown()).superRefine(jsonWithin()),
});
/**
 * Moves a consumer group back, from an offset on every partition or from a simulated time (ms since the
 * run's start), which the engine maps to each partition's first offset published at or after it.
 */
export const GroupReplay = z
  .strictObject({
    runId: RunId,
    nodeId: NodeRef,
    fromOffset: z.number().int().min(0).optional(),
    fromTime: z.number().finite().min(0).optional(),
  })
  .refine((c) => (c.fromOffset === undefined) !== (c.fromTime === undefined), {
    message: 'give exactly one of fromOffset and fromTime',
  });
/**
 * Takes a consumer down or brings it back, the whole node or one instance (0-based within the node). The
 * engine applies it at the run's current simulated time, so the trace stays a function of commands and times.
 */
export const ConsumerSetDown = z.strictObject({
  runId: RunId,
  nodeId: NodeRef,
  down: z.boolean(),
  instance: z
    .number()
    .int('must be an integer')
    .min(0, 'must be ≥ 0')
    .max(63, 'must be at most 63')
    .optional(),
});
/** Most log entries one `topic:read` returns per partition. */
export const TOPIC_READ_MAX = 1000;
/**
 * What a topic retains: every partition's bounds, the entries of `partition` (of all when left out) from
 * `fromOffset` (the newest `limit` when left out), and each subscribing group's position and lag.
 */
export const TopicRead = z.strictObject({
  runId: RunId,
  nodeId: NodeRef,
  partition: z.number().int().min(0).max(1023).optional(),
  fromOffset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(TOPIC_READ_MAX),
});
export const TraceGet = z.strictObject({ runId: RunId, eventId: z.string().min(1).max(128) });

export const TraceFilter = z.strictObject({
  type: z.string().max(128).optional(),
  /** Terminal or intermediate hop type the event reached. */
  outcome: HopType.optional(),
  node: NodeRef.optional(),
  key: z.string().max(256).optional(),
  /** Case-insensitive substring of the event's JSON payload. */
  text: z.string().max(256).optional(),
});
export const TraceQuery = z.strictObject({
  runId: RunId,
  filter: TraceFilter.default({}),
  cursor: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  /** Start at this 0-based row of the matching list instead of at `cursor` (the list's "go to row"). */
  row: z.number().int().min(0).optional(),
  /** Start at this event, or at the first matching one after it; wins over `row` and `cursor`. */
  eventId: z.string().min(1).max(128).optional(),
});
/** The per-node counters as they stood right after hop `seq` (1-based, ≤ the run's last hop), for stepping back. */
export const RunMetricsAt = z.strictObject({ runId: RunId, seq: z.number().int().min(1) });
export const RunResync = z.strictObject({ runId: RunId, fromSeq: z.number().int().min(0) });

/** A session token: opaque, issued by the server in the `session:hello` answer. */
export const SessionToken = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'is not a session token');
/**
 * First message on every (re)connect. Without a token the server issues a new session; with one it
 * resumes that session (the runs it owns), so a reconnect or a reload of the same tab keeps its runs.
 */
export const SessionHello = z.strictObject({
  protocolVersion: z.number().int(),
  sessionToken: SessionToken.optional(),
});
/** Read-only access to someone else's run: the key comes from the owner's `run:share`. */
export const RunWatch = z.strictObject({
  runId: RunId,
  viewKey: z.string().min(16).max(64),
  fromSeq: z.number().int().min(0),
});

export type RunStart = z.infer<typeof RunStart>;
export type RunRef = z.infer<typeof RunRef>;
export type RunStep = z.infer<typeof RunStep>;
export type RunAdvance = z.infer<typeof RunAdvance>;
export type RunSpeed = z.infer<typeof RunSpeed>;
export type RunSeed = z.infer<typeof RunSeed>;
export type ProducerFire = z.infer<typeof ProducerFire>;
export type NodeUpdate = z.infer<typeof NodeUpdate>;
export type TopicOutage = z.infer<typeof TopicOutage>;
export type GroupReplay = z.infer<typeof GroupReplay>;
export type ConsumerSetDown = z.infer<typeof ConsumerSetDown>;
export type TopicRead = z.infer<typeof TopicRead>;
export type TraceGet = z.infer<typeof TraceGet>;
export type TraceFilter = z.infer<typeof TraceFilter>;
export type TraceQuery = z.infer<typeof TraceQuery>;
export type RunResync = z.infer<typeof RunResync>;
export type RunMetricsAt = z.infer<typeof RunMetricsAt>;
export type SessionHello = z.infer<typeof SessionHello>;
export type RunWatch = z.infer<typeof RunWatch>;
