import type { ConfigOf, NodeKind, NodeMetrics, NodeOf, NodeStats, Result, Topology } from '@eventflow/shared';
import type { Ctx } from '../ctx.js';
import type { State } from '../model.js';

/** What `compile` may need beyond the node itself: the compiled topology and the run's index maps. */
export interface CompileEnv {
  topo: Topology;
  /** `nodes[i].config` in the flow as written, for error messages. */
  where: string;
  nodeIndex: ReadonlyMap<string, number>;
  edgeIndex: ReadonlyMap<string, number>;
  /** The run-wide index of a consumer group, created on first use. */
  groupOf(name: string): number;
}

/**
 * What happens when an event arrives at node `node` along the ordinary edge `edge` from a publisher. Called
 * once per edge on the hot path, through a per-node array built at compile (never a lookup by kind).
 */
export type Receive = (s: Ctx, event: number, node: number, edge: number) => void;

/**
 * The engine half of one kind. Generic engine code dispatches through `engineKinds` (or the arrays built
 * from it at compile), so no switch over kinds sits outside `kinds/`.
 */
export interface EngineKind<K extends NodeKind> {
  /** Builds the node's runtime record (index `i`, nodes sorted by id) before any task runs. */
  compile(s: State, i: number, node: NodeOf<K>, env: CompileEnv): void;
  /** After every node is compiled, in node order: schedule the first tasks (producers' first ticks). */
  start?(s: Ctx, i: number): void;
  /** A live config update, already validated against the kind's schema; fails when it cannot apply live. */
  applyConfig(s: Ctx, i: number, config: ConfigOf<K>): Result<null>;
  receive: Receive;
  /** The node's counters in the run summary. */
  stats(s: Ctx, i: number): NodeStats;
  /** Adds the kind's own live figures to the generic ones (in, out, rate, in flight, failures). */
  metrics?(s: Ctx, i: number, m: NodeMetrics): void;
  /** Whether the node keeps a latency histogram (reported in the summary's latency section). */
  latency: boolean;
}

/** For kinds that never receive published events (validation keeps such edges out of a flow). */
export const receivesNothing: Receive = () => {};
