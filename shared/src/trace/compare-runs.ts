import type { FlowDoc } from '../flow/schema.js';
import type { Hop, HopType } from './hop.js';
import { TERMINAL_HOP_TYPES } from './hop.js';
import { summarizeTrace } from './summarize.js';
import type { NodeStats, RunSummary } from './summary.js';

/** A node's counters that moved between two runs: after − before, only the figures that differ. */
export type NodeDelta = Partial<Record<keyof NodeStats, number>>;

/** Where an event ended, per consumer group (or per node for `unrouted`/`publish-failed`); absent = in flight. */
export type EventOutcomes = Record<string, HopType>;

/** An event both runs know by id (the same flow and seed name events alike) whose outcome differs. */
export interface ChangedEvent {
  id: string;
  /** Node where it was produced or emitted (its first hop). */
  node: string;
  /** Simulated ms of its first hop, in the run after (or before, when only that run has it). */
  t: number;
  /** Undefined when the run did not have the event at all. */
  before: EventOutcomes | undefined;
  after: EventOutcomes | undefined;
}

/** Two runs of (nearly) the same flow side by side: "before" is usually the recorded one, "after" the new one. */
export interface RunComparison {
  before: RunSummary;
  after: RunSummary;
  /** Per node id of the flow, the counters that differ; nodes where nothing moved are left out. */
  nodes: Record<string, NodeDelta>;
  /** Events whose outcome changed, in the order of their first hop; at most `maxChanged` of them. */
  changed: ChangedEvent[];
  /** How many changed in all (more than `changed.length` when the list was cut). */
  changedTotal: number;
}

const TERMINAL = new Set<HopType>(TERMINAL_HOP_TYPES);

interface EventEnd {
  node: string;
  t: number;
  outcomes: EventOutcomes;
}

/** Each event's first hop and where it ended, in order of first appearance. */
function endsOf(hops: readonly Hop[]): Map<string, EventEnd> {
  const ends = new Map<string, EventEnd>();
  for (const h of hops) {
    let e = ends.get(h.event);
    if (!e) ends.set(h.event, (e = { node: h.node, t: h.t, outcomes: {} }));
    if (h.group !== undefined && TERMINAL.has(h.type)) e.outcomes[h.group] = h.type;
    // The same stand-in the trace readers use: such an event ended at that node.
    else if (h.type === 'unrouted' || h.type === 'publish-failed') e.outcomes[h.node] = h.type;
  }
  return ends;
}

const sameOutcomes = (a: EventOutcomes, b: EventOutcomes) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};

function nodeDeltas(flow: FlowDoc, before: RunSummary, after: RunSummary): Record<string, NodeDelta> {
  const out: Record<string, NodeDelta> = {};
  for (const n of flow.nodes) {
    const a = before.nodes[n.id] ?? {};
    const b = after.nodes[n.id] ?? {};
    const delta: NodeDelta = {};
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof NodeStats>) {
      const d = (b[k] ?? 0) - (a[k] ?? 0);
      if (d !== 0) delta[k] = d;
    }
    if (Object.keys(delta).length) out[n.id] = delta;
  }
  return out;
}

/**
 * Compares two runs of a flow from their hops alone (a recorded trace against the current run, or two recorded
 * ones): both summaries as `summarizeTrace` recounts them, per-node counter deltas for the canvas, and the events
 * whose outcome changed. Events are matched by id: runs of the same flow and seed name them alike, so a design
 * change (a lower failure rate) shows as the same event ending differently.
 */
export function compareRuns(
  flow: FlowDoc,
  before: readonly Hop[],
  after: readonly Hop[],
  options: { seed: number; maxChanged?: number },
): RunComparison {
  const max = options.maxChanged ?? 200;
  const strip = (hops: readonly Hop[]): RunSummary => {
    const { doubleOutcomes: _pairs, ...summary } = summarizeTrace(flow, hops, { seed: options.seed });
    return summary;
  };
  const a = strip(before);
  const b = strip(after);
  const endsBefore = endsOf(before);
  const endsAfter = endsOf(after);
  const changed: ChangedEvent[] = [];
  let changedTotal = 0;
  const consider = (id: string, was: EventEnd | undefined, now: EventEnd | undefined) => {
    if (was && now && sameOutcomes(was.outcomes, now.outcomes)) return;
    changedTotal++;
    const first = (now ?? was)!;
    if (changed.length < max)
      changed.push({ id, node: first.node, t: first.t, before: was?.outcomes, after: now?.outcomes });
  };
  for (const [id, now] of endsAfter) consider(id, endsBefore.get(id), now);
  for (const [id, was] of endsBefore) if (!endsAfter.has(id)) consider(id, was, undefined);
  return { before: a, after: b, nodes: nodeDeltas(flow, a, b), changed, changedTotal };
}
