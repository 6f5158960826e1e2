import type { CompiledExpr, FlowEvent } from '@eventflow/shared';

/** One event in a store: never changed or deleted once appended. */
export interface StoreEntry {
  /** Position in the store, from 0, and the aggregate version this event made, from 1. */
  position: number;
  aggregate: string;
  version: number;
  /** Simulated ms and hop seq of its `stored` hop. */
  t: number;
  seq: number;
  /** Run-wide event index (its hops) and its CloudEvent, copied so replays never depend on the event table. */
  event: number;
  envelope: FlowEvent;
}

/**
 * What a projection reads: a store's log, or the log of the events its topic subscription received (decision
 * 0029), with the same positions, versions per aggregate (row key) and times, so folding, reads as of a hop,
 * rebuilds and stale reads work the same over both.
 */
export interface Feed {
  entries: StoreEntry[];
  /** Current version per aggregate (absent = 0: no events yet). */
  versions: Map<string, number>;
  /** Positions per aggregate, for the audit view and the newest write of a row. */
  byAggregate: Map<string, number[]>;
}

export interface RtStore extends Feed {
  node: number;
  aggregate: CompiledExpr;
  expected: CompiledExpr | undefined;
  /** Refused writes per aggregate. */
  conflicts: Map<string, number>;
  /** Projections this store feeds: their node index and the edge. */
  projections: { target: number; edge: number }[];
}

export interface ProjectionRow {
  state: unknown;
  version: number;
  t: number;
}

/** One change of one row, at the hop that made it: folding them up to a seq gives the rows as of that hop. */
export interface RowChange {
  seq: number;
  aggregate: string;
  row: ProjectionRow;
}

export interface Rebuild {
  /** Store position the rebuild applies next, and where it started. */
  next: number;
  from: number;
  rows: Map<string, ProjectionRow>;
  /** The marker event that carries the rebuild's hops. */
  event: number;
  /** Hop seq it started at (reads as of an earlier hop show no rebuild). */
  startSeq: number;
}

export interface RtProjection {
  node: number;
  /** Node index of the store it reads, and the edge from it; -1 when it has none (validation warns). */
  store: number;
  edge: number;
  /** Fed by a topic instead (decision 0029): the topic's node index, the feed its events make, the row key. */
  topic: number;
  own: Feed | undefined;
  key: CompiledExpr | undefined;
  /** Added mid-run: it applies nothing before this simulated ms, then replays its source and follows it. */
  joinsAtMs: number;
  /** Following its source live (from the start, or once a late join caught up). */
  live: boolean;
  /** The marker event whose hops are the join's catch-up steps; -1 before it joins. */
  joinEvent: number;
  initial: unknown;
  reducer: CompiledExpr;
  lagMs: number;
  snapshotEvery: number;
  /** The next store position it applies (live). */
  next: number;
  rows: Map<string, ProjectionRow>;
  changes: RowChange[];
  /** Per applied store position, the seq of its hop: `applied as of seq` is a binary search. */
  appliedSeqs: number[];
  snapshot: { position: number; rows: Map<string, ProjectionRow> } | undefined;
  rebuild: Rebuild | undefined;
  /** Rebuild progress by hop, for reads as of a hop: [seq, done, of] per step, and the seq it ended. */
  rebuildSteps: { seq: number; done: number; of: number }[];
}

const NO_FEED: Feed = { entries: [], versions: new Map(), byAggregate: new Map() };

/** The log a projection reads: its store's, its topic subscription's, or none (an unconnected projection). */
export function feedOf(s: { stores: (RtStore | undefined)[] }, p: RtProjection): Feed {
  return p.own ?? (p.store < 0 ? NO_FEED : s.stores[p.store]!);
}
