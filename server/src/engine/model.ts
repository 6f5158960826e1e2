import type { WebhookRequest } from './api.js';
import type { CompiledExpr, FlowDoc, FlowNode } from '@eventflow/shared';
import type { Counters } from './counters.js';
import type { Receive } from './kinds/kind.js';
import type { RtProjection, RtStore } from './kinds/event-store/model.js';
import type { EventTable } from './event-table.js';
import type { HopStore } from './hop-store.js';
import type { Histogram } from './latency.js';
import type { Random } from './random.js';
import type { Scheduler } from './scheduler.js';
import type { RtService, OpenCall } from './rt-calls.js';
import type { Delivery, ParkedRequest, RtConsumer, RtGroup, RtInstance, RtSub } from './rt-consumer.js';
import type { RtProducer } from './rt-producer.js';
import type { RtRouter, RtTopic } from './rt-topic.js';

// The records a run's state is built from live by what they hold; they are re-exported so `state.js` (and the few
// files that import this one) keep reaching every runtime type in one place.
export type * from './rt-calls.js';
export type * from './rt-consumer.js';
export type * from './rt-producer.js';
export type * from './rt-topic.js';

/** The engine's runtime model: a flow compiled into index-addressed records the hot path can reach directly. */
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
