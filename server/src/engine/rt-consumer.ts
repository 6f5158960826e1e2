import type { CompiledExpr, ConsumerConfig } from '@eventflow/shared';
import type { GroupCounts } from './counters.js';
import type { Reader } from './kinds/consumer/schema-check.js';
import type { PartitionLog } from './partition-log.js';
import type { RtCall, RtEndpoint } from './rt-calls.js';
import type { RtTopic } from './rt-topic.js';

// The reading side: subscriptions, consumer groups and instances, and the deliveries between them.

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

export interface RtGroup {
  name: string;
  /** Bit per event index: processed at least once by this group. */
  processed: Uint8Array;
  counts: GroupCounts;
}
