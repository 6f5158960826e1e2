import type { WebhookRequest } from './api.js';
import type {
  CompiledExpr,
  ConsumerConfig,
  Duration,
  FlowDoc,
  FlowNode,
  ProducerConfig,
  TopicConfig,
} from '@eventflow/shared';
import type { Counters, GroupCounts } from './counters.js';
import type { Receive } from './kinds/kind.js';
import type { RtProjection, RtStore } from './kinds/event-store/model.js';
import type { EventTable } from './event-table.js';
import type { HopStore } from './hop-store.js';
import type { Histogram } from './latency.js';
import type { PartitionLog } from './partition-log.js';
import type { Random } from './random.js';
import type { Scheduler } from './scheduler.js';
import type { Reader } from './kinds/consumer/schema-check.js';

/** The engine's runtime model: a flow compiled into index-addressed records the hot path can reach directly. */
export interface RtProducer {
  node: number;
  config: ProducerConfig;
  payload?: CompiledExpr;
  key?: CompiledExpr;
  /** Events produced so far (the `seq` CEL variable counts from 1). */
  produced: number;
  /** Bumped when the schedule changes, so stale ticks are ignored. */
  gen: number;
  /** Stopped because the run's event limit was reached; resumes when a later run lifts it. */
  halted: boolean;
  /** Fixed arrival: ticks are at `base + n × 1000/rate`, computed rather than summed, so times do not drift. */
  base: number;
  ticks: number;
  /** Events held while the topic they were going to is down (`onTopicDown: "buffer"`), oldest first. */
  buffer: Held[];
}

/** One buffered publication: the event, the topic it waits for and the edge it arrives by. */
export interface Held {
  event: number;
  topic: number;
  edge: number;
}

export interface RtPath {
  filters: number[];
  /** Edge indices topic → … → consumer. */
  edges: number[];
}

export interface RtSub {
  index: number;
  topic: number;
  group: number;
  /** Per partition: the next offset this group will fetch. */
  next: Float64Array;
  /** Per partition: the instance (global index) that owns it, or -1. */
  owner: Int32Array;
  /**
   * By key id (`EventTable.keyId`): the highest offset processed, -1 for none, for counting per-key order
   * violations. Grown on demand (`noteKeyOrder`).
   */
  keyOrder: Float64Array;
  /**
   * Deliveries taken from an instance that went down or left (a crash to redeliver, a retry in its backoff):
   * the partition's next owner takes them before anything newer of that partition.
   */
  pending: Delivery[];
  /**
   * Per partition: the instance (global index) holding a delivery of it, or -1. After a rebalance the new
   * owner of a blocking group waits for the old holder to finish, so offsets are still processed in order.
   */
  holder: Int32Array;
  /** Autoscaled consumers reading this subscription: a publish asks them to check their lag. */
  scaled: number[];
}

export interface Delivery {
  sub: number;
  partition: number;
  offset: number;
  event: number;
  attempt: number;
  /** The edge the delivery arrives by (last edge of the path that passed). */
  edge: number;
  readyAt: number;
  /** Simulated ms of the first delivery, for the consumer's latency (first delivery → outcome). */
  since: number;
  /** A webhook attempt's HTTP status, drawn when it is sent; 0 for a timeout (and for consumers). */
  status: number;
  /** The caller's next service call (index into its `calls`): 0 until processing is done, reset per attempt. */
  call: number;
}

/** A service-call edge as its caller makes it (decision 0025). */
export interface RtCall {
  edge: number;
  /** The called consumer's node index. */
  callee: number;
  latencyMs: Duration;
  timeoutMs: number;
  failureRate: number;
}

/** One call from a caller's instance: queued at the callee, then served, then answered or abandoned. */
export interface OpenCall {
  id: number;
  /** The calling instance, and its gen when it called: a newer gen (it went down) abandons the call. */
  inst: number;
  gen: number;
  call: RtCall;
  event: number;
  since: number;
  serving: boolean;
}

/** A called consumer: it answers as many calls at once as it has instances and queues the rest, in order. */
export interface RtService {
  node: number;
  serving: number;
  queue: OpenCall[];
}

/** A webhook's modelled endpoint. */
export interface RtEndpoint {
  latencyMs: Duration;
  timeoutMs: number;
  /** Cumulative status-mix weights: ok, ok + client error, ok + client + server error. */
  cumulative: [number, number, number];
  total: number;
  /** Set when the endpoint is real: attempts are POSTed here by the run host, not drawn. */
  url?: string;
}

/** A real webhook attempt waiting for its answer: the instance and the delivery it parked. */
export interface ParkedRequest {
  instance: number;
  gen: number;
  delivery: Delivery;
}

export interface Owned {
  sub: number;
  partition: number;
  rtSub: RtSub;
  topic: RtTopic;
  log: PartitionLog;
  /** The topic has an age limit, so the log head must be checked before reading. */
  aged: boolean;
  paths: RtPath[];
}

export interface RtInstance {
  index: number;
  consumer: number;
  /** 0-based within its consumer group. */
  ordinal: number;
  /** Owned (subscription, partition) pairs, with direct references for the hot path. */
  owned: Owned[];
  busy: boolean;
  current: Delivery | undefined;
  /** Requeue-mode retries waiting for their backoff. */
  retries: Delivery[];
  wakeAt: number;
  /** Bumped when the instance's scheduled work must be ignored (a newer wake-up, going down). */
  gen: number;
  /** Between `delivered` and the end of processing: going down now is a crash. */
  processing: boolean;
  /** Held down by hand (`setDown`), and how many scheduled outages of this instance are under way. */
  held: boolean;
  outages: number;
  /** Derived from the two above and the consumer's own: owns no partitions, takes no work. */
  down: boolean;
  /** Scaled in while busy: it leaves the group when its current delivery ends. */
  retiring: boolean;
  /** Deliveries started, so a modelled crash hits only the delivery it was drawn for. */
  deliveries: number;
  /** The id of the service call it is waiting on, or 0. */
  call: number;
}

export interface RtConsumer {
  node: number;
  config: ConsumerConfig;
  group: number;
  instances: number[];
  /** Paths by subscription index. */
  paths: Map<number, RtPath[]>;
  dlq: { topic: number; edge: number } | undefined;
  /** Its service calls, in edge-id order: made one after another once its own processing is done. */
  calls: RtCall[];
  /** The projection row it reads before its emits (a query edge, decision 0029), and its reads so far. */
  query?: { projection: number; edge: number; key: CompiledExpr; reads: number; stale: number };
  emits: CompiledEmit[];
  emitsReadEnvelope: boolean;
  /** Set for a webhook: its attempts are answered by this endpoint instead of processing. */
  endpoint?: RtEndpoint;
  /** Compensation events, emitted when the consumer gives up on an event. */
  onGiveUp: CompiledEmit[];
  onGiveUpReadsEnvelope: boolean;
  /** How it reads each (event type, written version) that has a schema, built on first delivery. */
  readers?: Map<number, Reader>;
  /** Instances in the group now (the first `active` of `instances`): the config's count, or autoscaling's. */
  active: number;
  /** The whole consumer held down by hand, and its scheduled whole-consumer outages under way. */
  held: boolean;
  outages: number;
  /** Autoscaling state, when the config asks for it: when it last scaled and whether a check is scheduled. */
  scale: { lastAt: number; pending: boolean; retireReason: string } | undefined;
}

export interface CompiledEmit {
  type: number;
  payload?: CompiledExpr;
}

export interface RtTopic {
  node: number;
  config: TopicConfig;
  logs: PartitionLog[];
  /** Run-wide index of each partition, the argument of its age-retention task. */
  partitionIds: number[];
  /** Per partition: whether an age-retention task is pending. */
  expiryPending: boolean[];
  subs: number[];
  /** Projections subscribed to it (decision 0029), by node index: each publication feeds their logs. */
  feeds: number[];
  roundRobin: number;
  /** The broker is down: publishing fails or is held, and no group fetches from it. */
  down: boolean;
}

export interface RtRoute {
  label: string;
  /** Exactly one of `cel` and `pattern` is set. */
  cel?: CompiledExpr;
  readsEnvelope: boolean;
  pattern?: string;
  outs: { edge: number; target: number }[];
}

export interface RtRouter {
  node: number;
  /** Every out-edge with the handle it leaves from (a rule id or `default`), in edge-id order. */
  edges: { handle: string; edge: number; target: number }[];
  /** `all-matches` mode. */
  all: boolean;
  rules: RtRoute[];
  defaults: { edge: number; target: number }[];
  /** Reason code of the no-match hop (it lists the rules, so it is the same for every event). */
  noMatch: number;
  /** Per rule: `'label' (condition or pattern)`, for the reasons of `routed` hops. */
  describe: string[];
}

export interface RtGroup {
  name: string;
  /** Bit per event index: processed at least once by this group. */
  processed: Uint8Array;
  counts: GroupCounts;
}

export interface State {
  flow: FlowDoc;
  seed: number;
  maxChainDepth: number;
  rng: Random;
  sched: Scheduler;
  events: EventTable;
  hops: HopStore;
  now: number;
  visible: number;
  nodeIds: string[];
  nodeIndex: Map<string, number>;
  nodes: FlowNode[];
  edgeIds: string[];
  /** Outgoing ordinary edges per node: [edge index, target node index] pairs. */
  out: { edge: number; target: number }[][];
  /** Per node: its kind's `receive`, so routing calls it without looking the kind up. */
  receive: Receive[];
  producers: (RtProducer | undefined)[];
  filters: (CompiledExpr | undefined)[];
  /** Per filter: whether its expression reads the CloudEvent envelope (decided once, at compile). */
  filterReadsEnvelope: boolean[];
  topics: (RtTopic | undefined)[];
  routers: (RtRouter | undefined)[];
  consumers: (RtConsumer | undefined)[];
  subs: RtSub[];
  instances: RtInstance[];
  groups: RtGroup[];
  groupIndex: Map<string, number>;
  /** Interned strings: event types and reasons (index 0 of reasons means none). */
  typeNames: string[];
  typeIndex: Map<string, number>;
  reasons: string[];
  reasonIndex: Map<string, number>;
  counters: Counters;
  /** Every topic partition, by run-wide index. */
  partitions: { topic: number; partition: number }[];
  /** How often each event was dead-lettered, to stop dead-letter rings. */
  deadLetterCount: Map<number, number>;
  /** Scheduled outage edges, by task argument: which consumer (and instance, or -1 for all) goes down or up. */
  outageEdges: { consumer: number; instance: number; down: boolean; reason: string }[];
  /** Finished delivery records, reused by the next delivery. */
  deliveryPool: Delivery[];
  producedRoots: number;
  maxEvents: number;
  /** Latency histograms: per node index (topics and consumers only), and end to end. */
  /** Latency histograms: per node index (topics and consumers only), end to end, and end to end per producer. */
  latency: { nodes: (Histogram | undefined)[]; endToEnd: Histogram; byProducer: (Histogram | undefined)[] };
  /** Per node: set for a consumer that service calls point at. */
  services: (RtService | undefined)[];
  /** Service calls queued or being served, by id (ids from 1, so 0 means none on an instance). */
  openCalls: Map<number, OpenCall>;
  lastCallId: number;
  /** Real webhook attempts: sent but not yet taken by the run host, and parked until answered. */
  webhooks: { outbox: WebhookRequest[]; parked: Map<number, ParkedRequest>; lastId: number };
  /** Event stores and projections, by node index. */
  stores: (RtStore | undefined)[];
  projections: (RtProjection | undefined)[];
}
