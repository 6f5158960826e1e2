import type { EventRow, FlowEvent, Hop, TraceFilter, TracePath } from '@eventflow/shared';
import type { TraceReader } from '../engine/api.js';
import { pageStart } from '../engine/reader.js';

/**
 * A trace index over hops that did not come from the engine (a run on a real broker, a recorded NDJSON trace):
 * its `reader` answers exactly what the engine's `TraceReader` answers for the same hops and events, so the UI
 * browses such a run the same way. Nothing is evicted.
 */
export interface TraceIndex {
  /** Appends one hop; seqs must strictly increase (a `RangeError` otherwise, and the hop is not kept). */
  add(hop: Hop): void;
  /**
   * Registers an event's envelope, best when it is created (before or after its first hop). Again for the same id,
   * the newer envelope replaces the older one. An event with hops and no envelope is still listed and walked.
   */
  addEvent(event: FlowEvent): void;
  readonly reader: TraceReader;
}

interface Entry {
  id: string;
  /** Registration order (first envelope or hop seen): the order `query` lists in and what its cursor counts. */
  index: number;
  event: FlowEvent | undefined;
  /** This event's hops, oldest first. */
  hops: Hop[];
  /** Indexes of events chained from this one, ascending. */
  children: number[];
  parent: Entry | undefined;
}

const NODE_SOURCE = '/nodes/';
/** Rough heap sizes (V8, 64-bit) for `bytesPerHop`: an object header, one property slot, one string. */
const OBJECT_BYTES = 56;
const SLOT_BYTES = 16;
const STRING_BYTES = 24;
const ENTRY_BYTES = 320;

function outcomeOf(hop: Hop, out: Record<string, string>): void {
  if (hop.group !== undefined) out[hop.group] = hop.type;
  // Same stand-in as the engine: an unrouted event, or one lost at a down topic, ended at that node.
  else if (hop.type === 'unrouted' || hop.type === 'publish-failed') out[hop.node] = hop.type;
}

/** An event's type when no envelope names it, from its first hop (a recorded trace holds hops only). */
export type TypeOfHop = (first: Hop) => string | undefined;

const typeOf = (e: Entry, fallback: TypeOfHop | undefined) =>
  e.event?.type ?? (e.hops[0] && fallback?.(e.hops[0]));

function envelopeMatches(e: Entry, f: TraceFilter, fallback: TypeOfHop | undefined): boolean {
  if (f.type !== undefined && typeOf(e, fallback) !== f.type) return false;
  if (f.key !== undefined && e.event?.partitionkey !== f.key) return false;
  return (
    f.text === undefined ||
    JSON.stringify(e.event?.data ?? null)
      .toLowerCase()
      .includes(f.text.toLowerCase())
  );
}

/** Whether the event's hops pass the outcome and node filters; fills `outcomes` on the way. */
function hopsMatch(e: Entry, f: TraceFilter, outcomes: Record<string, string>): boolean {
  let outcomeOk = f.outcome === undefined;
  let nodeOk = f.node === undefined;
  for (const hop of e.hops) {
    if (hop.type === f.outcome) outcomeOk = true;
    if (hop.node === f.node) nodeOk = true;
    outcomeOf(hop, outcomes);
  }
  return outcomeOk && nodeOk;
}

function rowOf(e: Entry, outcomes: Record<string, string>, fallback: TypeOfHop | undefined): EventRow {
  const first = e.hops[0]!;
  const source = e.event?.source;
  const row: EventRow = {
    id: e.id,
    type: typeOf(e, fallback) ?? 'unknown',
    // The envelope's `time` is floored to whole ms; the first hop (produced or emitted) carries the exact time.
    t: first.t,
    node: source?.startsWith(NODE_SOURCE) ? source.slice(NODE_SOURCE.length) : first.node,
    outcomes,
  };
  if (e.event?.partitionkey !== undefined) row.key = e.event.partitionkey;
  if (e.parent !== undefined) row.parent = e.parent.id;
  return row;
}

/** First position in `hops` (sorted by seq) whose seq is at least `seq`. */
function lowerBound(hops: readonly Hop[], seq: number): number {
  let lo = 0;
  let hi = hops.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (hops[mid]!.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `typeOf` names the type of events that have hops but no envelope; without it they are `unknown`. */
export function createTraceIndex(options: { typeOf?: TypeOfHop } = {}): TraceIndex {
  const fallback = options.typeOf;
  const hops: Hop[] = [];
  const entries: Entry[] = [];
  const byId = new Map<string, Entry>();
  let hopBytes = 0;

  const entryFor = (id: string): Entry => {
    let e = byId.get(id);
    if (e === undefined) {
      e = { id, index: entries.length, event: undefined, hops: [], children: [], parent: undefined };
      entries.push(e);
      byId.set(id, e);
    }
    return e;
  };
  const link = (child: Entry, parentId: string) => {
    if (child.parent !== undefined || parentId === child.id) return;
    // A parent not seen yet gets its entry now (listed once it has a hop), so the chain is not lost.
    const parent = entryFor(parentId);
    child.parent = parent;
    const kids = parent.children;
    // Children are kept in registration order, as the engine walks them; they nearly always arrive in it.
    let i = kids.length;
    while (i > 0 && kids[i - 1]! > child.index) i--;
    kids.splice(i, 0, child.index);
  };
  const visible = (e: Entry | undefined): e is Entry => e !== undefined && e.hops.length > 0;

  const reader: TraceReader = {
    lastSeq: () => hops.at(-1)?.seq ?? 0,
    firstSeq: () => hops[0]?.seq ?? 1,
    // A recorded trace that starts past seq 1 is missing the hops before it, as if they had been evicted.
    evicted: () => (hops[0]?.seq ?? 1) - 1,
    read(from, to) {
      const out: Hop[] = [];
      for (let i = lowerBound(hops, from); i < hops.length && hops[i]!.seq <= to; i++) out.push(hops[i]!);
      return out;
    },
    event(id) {
      const e = byId.get(id);
      return visible(e) ? e.event : undefined;
    },
    path(id): TracePath {
      const root = byId.get(id);
      if (!visible(root)) return { hops: [], events: [], truncated: false };
      const found: Hop[] = [];
      const events: FlowEvent[] = [];
      const queue = [root];
      for (let i = 0; i < queue.length; i++) {
        const e = queue[i]!;
        if (!visible(e)) continue;
        if (e.event !== undefined) events.push(e.event);
        for (const hop of e.hops) found.push(hop);
        for (const c of e.children) queue.push(entries[c]!);
      }
      found.sort((a, b) => a.seq - b.seq);
      return { hops: found, events, truncated: false };
    },
    query(filter, cursor, limit = 100, at = {}) {
      // Entries are in registration order, so an event id's entry index is where its page starts.
      const byId = at.eventId === undefined ? undefined : entries.find((e) => e.id === at.eventId);
      const start =
        at.eventId !== undefined
          ? { event: byId?.index ?? Infinity }
          : pageStart(cursor, at.row === undefined ? {} : { row: at.row }, 0);
      const rows: EventRow[] = [];
      let total = 0;
      let offset = -1;
      let nextCursor: string | undefined;
      for (const e of entries) {
        if (!visible(e) || !envelopeMatches(e, filter, fallback)) continue;
        const outcomes: Record<string, string> = {};
        if (!hopsMatch(e, filter, outcomes)) continue;
        total++;
        if (offset < 0) {
          if (start.row !== undefined ? total - 1 < start.row : e.index < start.event) continue;
          offset = total - 1;
        }
        if (rows.length === limit) {
          nextCursor ??= String(e.index);
          continue;
        }
        rows.push(rowOf(e, outcomes, fallback));
      }
      if (offset < 0) offset = total;
      return nextCursor === undefined
        ? { events: rows, total, offset }
        : { events: rows, cursor: nextCursor, total, offset };
    },
    bytesPerHop: () => (hopBytes + entries.length * ENTRY_BYTES) / Math.max(1, hops.length),
  };

  return {
    add(hop) {
      const last = hops.at(-1);
      if (last !== undefined && hop.seq <= last.seq)
        throw new RangeError(`hop seq ${hop.seq} is not after the last one (${last.seq})`);
      const e = entryFor(hop.event);
      if (hop.parent !== undefined) link(e, hop.parent);
      e.hops.push(hop);
      hops.push(hop);
      hopBytes += OBJECT_BYTES + SLOT_BYTES * (Object.keys(hop).length + 2) + STRING_BYTES * 3;
    },
    addEvent(event) {
      const e = entryFor(event.id);
      e.event = event;
      if (event.causationid !== undefined) link(e, event.causationid);
    },
    reader,
  };
}
