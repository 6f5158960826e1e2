import type {
  AggregateView,
  ReadModelView,
  EdgeMetrics,
  EnginePosition,
  EventRow,
  FlowDoc,
  FlowEvent,
  Hop,
  NodeMetrics,
  Result,
  RunSummary,
  TraceFilter,
  TopicView,
  TracePath,
} from '@eventflow/shared';
import type { TopicQuery } from './topic-view.js';

export interface EngineOptions {
  /** A flow that passed `parseFlow` (defaults filled in, graph and expressions valid). */
  flow: FlowDoc;
  /** PRNG seed; the same flow, seed and commands give a byte-identical trace. */
  seed: number;
  /** Hops kept in the bounded trace store; older ones are evicted (and counted). Default 1,000,000. */
  storeCapacity?: number;
  /** Events chained deeper than this are dropped with that reason. Default 16. */
  maxChainDepth?: number;
}

/** A real webhook attempt the run host is to POST (the engine itself does no I/O). */
export interface WebhookRequest {
  /** Counts up from 1 per run, in the order attempts start: the same in a replay of the same flow and seed. */
  id: number;
  nodeId: string;
  url: string;
  /** No answer after this many ms is a timeout (the host aborts the request and answers 0). */
  timeoutMs: number;
  /** Sent as a structured-mode CloudEvent (`application/cloudevents+json`). */
  body: FlowEvent;
}

export type StopReason = 'idle' | 'until' | 'max-hops' | 'max-events';

/**
 * The deterministic discrete-event engine. It owns a simulated clock (ms from 0) and never reads wall time:
 * adapters decide how fast simulated time moves by calling `advanceTo`/`step`.
 */
export interface Engine {
  readonly flow: FlowDoc;
  readonly seed: number;
  /** Simulated ms. */
  now(): number;
  /** Time of the next scheduled task, or undefined when nothing is scheduled. */
  nextTime(): number | undefined;
  /** Runs every task due at or before `t` (simulated ms), then sets the clock to `t`. */
  advanceTo(t: number): void;
  /**
   * Makes up to `n` more hops visible, running tasks as needed; returns how many became visible (0 = idle).
   * With `untilMs`, runs no task scheduled later than that (simulated ms), so a paced run stepping hop by hop
   * (to pause at a breakpoint) never gets ahead of its clock; hops already written are still revealed.
   */
  step(n?: number, untilMs?: number): number;
  /**
   * Where the engine stands: simulated ms, scheduled tasks run so far and hops visible. A command applied at the same
   * position of a fresh engine of the same flow and seed has the same effect, which is what replays rely on.
   */
  position(): EnginePosition;
  /**
   * Moves to a recorded position: runs tasks until `tasks` have run, then sets the clock to `t` without
   * running more, and reveals hops up to `seq`. `invalid-payload` for a position behind this one or past the work.
   */
  seek(to: EnginePosition): Result<null>;
  /** Runs at full speed until no work is left or a limit is hit. */
  run(limits?: { untilMs?: number; maxHops?: number; maxEvents?: number }): StopReason;
  /** Publishes one event from a producer now, with `data` or its payload expression. */
  fire(nodeId: string, data?: unknown): Result<{ eventId: string }>;
  /** Takes the real webhook requests sent since the last call, oldest first (the outbox is emptied). */
  takeWebhookRequests(): WebhookRequest[];
  /** Real webhook attempts sent and not yet answered; the run is not done while there are any. */
  awaitingWebhooks(): number;
  /**
   * Answers a real webhook request with its HTTP status (0: timed out or no connection): the parked attempt
   * ends now and goes on as a modelled one would (2xx acked, 4xx given up, 5xx and 0 retried).
   */
  answerWebhook(requestId: number, status: number): Result<null>;
  /** Replaces a node's config live (validated); takes effect from the next task. */
  updateNode(nodeId: string, config: unknown): Result<null>;
  /**
   * Takes a topic's broker down or brings it back, by hand, from now (on top of its scheduled outages: the
   * next scheduled start or end still applies). Back up, held events are published at once.
   */
  setTopicDown(nodeId: string, down: boolean): Result<null>;
  /** Moves a consumer group's offsets back to `fromOffset` on every partition of its topics (replay). */
  replay(consumerNodeId: string, fromOffset: number): Result<null>;
  /**
   * Replays a consumer group from a simulated time (ms): on each partition, from the first retained offset
   * published at or after `t`; a partition with nothing that recent is left where it is.
   */
  replayFromTime(consumerNodeId: string, t: number): Result<null>;
  /**
   * Takes a consumer (or only its `instance`, 0-based within the node) down or brings it back now. Down, it
   * owns no partitions (they are rebalanced to the group's other instances, or wait); what it was processing
   * crashes. Bringing it back ends its scheduled outages too. `unknown-node` for a non-consumer.
   */
  setDown(consumerNodeId: string, down: boolean, instance?: number): Result<null>;
  /** What a topic retains per partition and each subscribing group's position; `unknown-node` for a non-topic. */
  readTopic(topicNodeId: string, query: TopicQuery): Result<TopicView>;
  /**
   * A projection's read model as of hop `seq` (default: the newest visible hop): rows, lag and stale
   * aggregates. `unknown-node` for a non-projection, `unknown-event` for a seq not visible or evicted.
   */
  readProjection(nodeId: string, seq?: number): Result<ReadModelView>;
  /** Starts rebuilding a projection from store position 0 (or its newest snapshot) while the run goes on. */
  rebuildProjection(nodeId: string, fromSnapshot: boolean): Result<null>;
  /** One aggregate's events in an event store, in version order, with their causation. */
  readAggregate(storeNodeId: string, aggregate: string): Result<AggregateView>;
  /**
   * Frees what only a running engine needs (scheduled tasks, partition logs, pooled delivery records) once a
   * run has ended; afterwards only `trace` may be used. Lets an ended run keep its trace for stepping and
   * queries without holding its scheduling state.
   */
  release(): void;
  summary(): RunSummary;
  metrics(): { nodes: Record<string, NodeMetrics>; edges: Record<string, EdgeMetrics> };
  readonly trace: TraceReader;
}

/** Where a page of `query` starts instead of its cursor: an event (or the first match after it) or a row. */
export interface QueryStart {
  /** 0-based row of the matching list. */
  row?: number;
  /** Wins over `row`. */
  eventId?: string;
}

export interface TraceReader {
  /** Seq of the last visible hop (0 before any). */
  lastSeq(): number;
  /** Oldest seq still stored (1 until evictions start). */
  firstSeq(): number;
  evicted(): number;
  /** Visible hops with seq in [from, to] (inclusive), oldest first; evicted ones are skipped. */
  read(fromSeq: number, toSeq: number): Hop[];
  event(eventId: string): FlowEvent | undefined;
  /** Every hop of an event and its chained descendants; time proportional to those hops, not the store. */
  path(eventId: string): TracePath;
  /** A page of matching events from `cursor`, or from `at` (a row of the matching list or an event id). */
  query(
    filter: TraceFilter,
    cursor?: string,
    limit?: number,
    at?: QueryStart,
  ): { events: EventRow[]; cursor?: string; total: number; offset: number };
  /** Bytes the store holds per stored hop (typed arrays plus event records), for the benchmark. */
  bytesPerHop(): number;
}
