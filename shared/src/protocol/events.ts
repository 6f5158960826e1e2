import type { Hop } from '../trace/hop.js';
import type { RunSummary } from '../trace/summary.js';
import type { FlowEvent } from '../trace/event.js';
import type { Result } from './result.js';
import type { BreakpointHit, RunBreakpoints } from './breakpoints.js';
import type { CountsAt, EdgeMetrics, NodeMetrics, RunStatus } from './metrics.js';
import type {
  GroupReplay,
  NodeUpdate,
  ProducerFire,
  RunAdvance,
  RunMetricsAt,
  RunRef,
  RunResync,
  RunSeed,
  RunWatch,
  SessionHello,
  RunSpeed,
  RunStart,
  RunStep,
  TopicRead,
  TraceGet,
  TraceQuery,
} from './commands.js';

/** Bumped on any breaking change to the socket protocol; `session:hello` checks it. */
export const PROTOCOL_VERSION = 2;

/**
 * Header that carries the session token on REST requests that touch a run (the trace export): a run
 * answers only to the session that started it, or to one it was shared with.
 */
export const SESSION_HEADER = 'x-eventflow-session';

type Ack<T> = (result: Result<T>) => void;

/** One event as listed by `trace:query`: its envelope and what became of it along each subscription. */
export interface EventRow {
  id: string;
  type: string;
  t: number;
  node: string;
  key?: string;
  parent?: string;
  /** Per `node/group` subscription, the last hop type seen there. */
  outcomes: Record<string, string>;
}

export interface TracePath {
  /** Every hop of the event and its chained descendants, in `seq` order. */
  hops: Hop[];
  events: FlowEvent[];
  /** True when some of those hops were already evicted from the bounded store. */
  truncated: boolean;
}

/** One retained entry of a topic partition, as `topic:read` lists it. */
export interface TopicEntry {
  offset: number;
  eventId: string;
  type: string;
  key?: string;
  /** Simulated ms the entry was published (appended to the partition). */
  t: number;
}

export interface TopicPartitionView {
  partition: number;
  /** Oldest offset still retained (and readable); `next` is the offset the next publish gets. */
  oldest: number;
  next: number;
  /**
   * Retained entries in offset order (empty for partitions other than the one asked for); entries whose event
   * record left the run's store are skipped.
   */
  events: TopicEntry[];
}

/** A consumer group subscribed to the topic: where it reads each partition and how far it trails. */
export interface TopicGroupView {
  group: string;
  /** The consumer node that reads for this group (the one `group:replay` takes). */
  consumerNodeId: string;
  /** Per partition: the next offset the group fetches (everything below it has been handed out). */
  committed: number[];
  /** Per partition: `next - committed`, entries published that the group has not fetched yet. */
  lag: number[];
}

export interface TopicView {
  nodeId: string;
  /** Simulated ms when it was read. */
  t: number;
  partitions: TopicPartitionView[];
  groups: TopicGroupView[];
}

export interface ClientToServerEvents {
  'session:hello': (m: SessionHello, ack: Ack<{ protocolVersion: number; sessionToken: string }>) => void;
  /** `flowRevision` is `flowRevision(flow)` of the flow as the server parsed it: the run is of that document. */
  'run:start': (c: RunStart, ack: Ack<{ runId: string; flowRevision: string }>) => void;
  'run:pause': (c: RunRef, ack: Ack<null>) => void;
  'run:resume': (c: RunRef, ack: Ack<null>) => void;
  'run:step': (c: RunStep, ack: Ack<{ hops: number }>) => void;
  'run:advance': (c: RunAdvance, ack: Ack<{ t: number }>) => void;
  'run:stop': (c: RunRef, ack: Ack<null>) => void;
  'run:reset': (c: RunRef, ack: Ack<null>) => void;
  'run:speed': (c: RunSpeed, ack: Ack<null>) => void;
  'run:seed': (c: RunSeed, ack: Ack<null>) => void;
  'run:resync': (c: RunResync, ack: Ack<{ hops: Hop[]; complete: boolean }>) => void;
  /** Owner only: a key that lets another session follow this run read-only (stream, trace, export). */
  'run:share': (c: RunRef, ack: Ack<{ viewKey: string }>) => void;
  /** Follow a shared run read-only: joins its stream and answers like `run:resync`. */
  'run:watch': (c: RunWatch, ack: Ack<{ hops: Hop[]; complete: boolean; flowRevision: string }>) => void;
  'producer:fire': (c: ProducerFire, ack: Ack<{ eventId: string }>) => void;
  'node:update': (c: NodeUpdate, ack: Ack<null>) => void;
  'group:replay': (c: GroupReplay, ack: Ack<null>) => void;
  'trace:get': (c: TraceGet, ack: Ack<TracePath>) => void;
  /** Read-only: what a topic retains per partition and where each subscribing group stands. */
  'topic:read': (c: TopicRead, ack: Ack<TopicView>) => void;
  /**
   * Read-only: the counters `run:metrics` carries that the trace determines, recounted as of hop `seq`
   * (what the canvas shows while the user has stepped back). Rates and instances are left out.
   */
  'run:metrics-at': (c: RunMetricsAt, ack: Ack<CountsAt>) => void;
  'trace:query': (c: TraceQuery, ack: Ack<{ events: EventRow[]; cursor?: string; total: number }>) => void;
  /** Owner only: replaces the run's breakpoints; a condition that does not compile refuses the whole set. */
  'run:breakpoints': (c: RunBreakpoints, ack: Ack<{ enabled: number }>) => void;
}

export interface ServerToClientEvents {
  'run:state': (e: {
    runId: string;
    status: RunStatus;
    t: number;
    reason?: string;
    summary?: RunSummary;
    /** Set when the run paused at a breakpoint (`reason` is then `breakpoint: <name>`). */
    breakpoint?: BreakpointHit;
  }) => void;
  /** `sampled` is true when hops were left out to keep up; metrics stay exact and `trace:get` has the rest. */
  'trace:hops': (e: { runId: string; hops: Hop[]; sampled: boolean }) => void;
  'run:metrics': (e: {
    runId: string;
    t: number;
    nodes: Record<string, NodeMetrics>;
    edges: Record<string, EdgeMetrics>;
  }) => void;
}
