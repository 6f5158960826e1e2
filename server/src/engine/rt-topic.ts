import type { CompiledExpr, TopicConfig } from '@eventflow/shared';
import type { PartitionLog } from './partition-log.js';

// Where events are published and routed: topics and their partition logs, routers and their rules.

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
