import type { EventRow, Hop, TraceFilter, TracePath } from '@eventflow/shared';
import type { QueryStart, TraceReader } from './api.js';
import type { Ctx } from './ctx.js';
import { cloudEventOf, eventIdOf, eventIndexOf, traceOf } from './event-view.js';
import { H, hopTypeName } from './hop-codes.js';

/** Materialises one stored hop as the shared `Hop` shape; optional fields appear only when they apply. */
export function hopAt(s: Ctx, seq: number): Hop {
  const h = s.hops;
  const ev = h.event(seq);
  const type = h.type(seq);
  const hop: Hop = {
    seq,
    t: h.t(seq),
    type: hopTypeName(type),
    event: eventIdOf(ev),
    trace: traceOf(s, ev),
    node: s.nodeIds[h.node(seq)]!,
  };
  const edge = h.edge(seq);
  if (edge > 0) hop.edge = s.edgeIds[edge - 1]!;
  const group = h.group(seq);
  if (group > 0) hop.group = s.groups[group - 1]!.name;
  const instance = h.instance(seq);
  if (instance >= 0) hop.instance = instance;
  const partition = h.partition(seq);
  if (partition >= 0) hop.partition = partition;
  const offset = h.offset(seq);
  if (offset >= 0) hop.offset = offset;
  const attempt = h.attempt(seq);
  if (attempt > 0) hop.attempt = attempt;
  if ((type === H.produced || type === H.emitted) && s.events.parent(ev) >= 0)
    hop.parent = eventIdOf(s.events.parent(ev));
  const reason = h.reason(seq);
  if (reason > 0) hop.reason = s.reasons[reason]!;
  const status = h.status(seq);
  if (status > 0) hop.status = status;
  return hop;
}

/**
 * Appends the seqs of one event's stored, visible hops to `into`, oldest first: the per-event links run
 * from the newest hop back, so they are collected backwards and the appended run is reversed.
 */
function storedHopsOf(s: Ctx, ev: number, into: number[]): void {
  const start = into.length;
  for (let seq = s.events.lastHop(ev); seq !== 0 && s.hops.has(seq); seq = s.hops.prevOfEvent(seq))
    if (seq <= s.visible) into.push(seq);
  for (let i = start, j = into.length - 1; i < j; i++, j--) {
    const t = into[i]!;
    into[i] = into[j]!;
    into[j] = t;
  }
}

/** Seqs of one event's stored, visible hops; true when its first hops have left the store. */
function hopSeqsOf(s: Ctx, ev: number, into: number[]): boolean {
  const first = s.events.firstHop(ev);
  if (first === 0) return false;
  storedHopsOf(s, ev, into);
  return !s.hops.has(first);
}

// One list for the hops the event list's filters walk (one event at a time).
const scratch: number[] = [];

/** An event's visible hops when its first hop is still stored (else none, as the list always had it). */
function wholePathOf(s: Ctx, ev: number): number[] {
  scratch.length = 0;
  const first = s.events.firstHop(ev);
  if (first !== 0 && s.hops.has(first)) storedHopsOf(s, ev, scratch);
  return scratch;
}

function matches(s: Ctx, ev: number, f: TraceFilter, outcomes: Record<string, string>): boolean {
  if (f.type !== undefined && s.typeNames[s.events.type(ev)] !== f.type) return false;
  if (f.key !== undefined && s.events.key(ev) !== f.key) return false;
  if (
    f.text !== undefined &&
    !JSON.stringify(s.events.data(ev) ?? null)
      .toLowerCase()
      .includes(f.text.toLowerCase())
  )
    return false;
  if (f.outcome === undefined && f.node === undefined) return true;
  let outcomeOk = f.outcome === undefined;
  let nodeOk = f.node === undefined;
  for (const seq of wholePathOf(s, ev)) {
    const type = hopTypeName(s.hops.type(seq));
    if (type === f.outcome) outcomeOk = true;
    if (s.nodeIds[s.hops.node(seq)] === f.node) nodeOk = true;
    const g = s.hops.group(seq);
    if (g > 0) outcomes[s.groups[g - 1]!.name] = type;
    else if (type === 'unrouted' || type === 'publish-failed') outcomes[s.nodeIds[s.hops.node(seq)]!] = type;
  }
  return outcomeOk && nodeOk;
}

function outcomesOf(s: Ctx, ev: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const seq of wholePathOf(s, ev)) {
    const g = s.hops.group(seq);
    const type = hopTypeName(s.hops.type(seq));
    if (g > 0) out[s.groups[g - 1]!.name] = type;
    // An event no router rule took, or one lost at a down topic, never reached a subscription:
    // the router or the topic is where it ended, so it stands in for them.
    else if (type === 'unrouted' || type === 'publish-failed') out[s.nodeIds[s.hops.node(seq)]!] = type;
  }
  return out;
}

/**
 * Where a page starts: at an event index (`eventId`, else the cursor, which is one) or at a row of the
 * matching list. A malformed id starts past every event, so the page is empty.
 */
export function pageStart(
  cursor: string | undefined,
  at: QueryStart,
  first: number,
): { event: number; row?: number } {
  if (at.eventId !== undefined) {
    const ev = eventIndexOf(at.eventId);
    return { event: ev < 0 ? Infinity : ev };
  }
  if (at.row !== undefined) return { event: first, row: at.row };
  return { event: cursor === undefined ? first : Math.max(first, Number.parseInt(cursor, 10) || 0) };
}

export function createTraceReader(s: Ctx): TraceReader {
  const visibleEvent = (ev: number) =>
    s.events.has(ev) && s.events.firstHop(ev) > 0 && s.events.firstHop(ev) <= s.visible;
  return {
    lastSeq: () => s.visible,
    firstSeq: () => s.hops.first(),
    evicted: () => s.hops.evicted(),
    read(from, to) {
      const out: Hop[] = [];
      const end = Math.min(to, s.visible);
      for (let seq = Math.max(from, s.hops.first()); seq <= end; seq++) out.push(hopAt(s, seq));
      return out;
    },
    event(id) {
      const ev = eventIndexOf(id);
      return ev >= 0 && visibleEvent(ev) ? cloudEventOf(s, ev) : undefined;
    },
    path(id): TracePath {
      const root = eventIndexOf(id);
      if (root < 0 || !visibleEvent(root)) return { hops: [], events: [], truncated: false };
      const seqs: number[] = [];
      const events = [];
      let truncated = false;
      const queue = [root];
      for (let i = 0; i < queue.length; i++) {
        const ev = queue[i]!;
        if (!visibleEvent(ev)) continue;
        events.push(cloudEventOf(s, ev));
        truncated = hopSeqsOf(s, ev, seqs) || truncated;
        for (let c = s.events.firstChild(ev); c >= 0; c = s.events.nextSibling(c)) queue.push(c);
      }
      seqs.sort((a, b) => a - b);
      return { hops: seqs.map((q) => hopAt(s, q)), events, truncated };
    },
    query(filter, cursor, limit = 100, at = {}) {
      const start = pageStart(cursor, at, s.events.first);
      const rows: EventRow[] = [];
      let total = 0;
      let offset = -1;
      let nextCursor: string | undefined;
      for (let ev = s.events.first; ev < s.events.next; ev++) {
        if (!visibleEvent(ev)) continue;
        const outcomes: Record<string, string> = {};
        if (!matches(s, ev, filter, outcomes)) continue;
        total++;
        if (offset < 0) {
          if (start.row !== undefined ? total - 1 < start.row : ev < start.event) continue;
          offset = total - 1;
        }
        if (rows.length === limit) {
          nextCursor ??= String(ev);
          continue;
        }
        const row: EventRow = {
          id: eventIdOf(ev),
          type: s.typeNames[s.events.type(ev)]!,
          t: s.events.time(ev),
          node: s.nodeIds[s.events.source(ev)]!,
          outcomes: filter.outcome === undefined && filter.node === undefined ? outcomesOf(s, ev) : outcomes,
        };
        const key = s.events.key(ev);
        if (key !== undefined) row.key = key;
        if (s.events.parent(ev) >= 0) row.parent = eventIdOf(s.events.parent(ev));
        rows.push(row);
      }
      if (offset < 0) offset = total;
      return nextCursor === undefined
        ? { events: rows, total, offset }
        : { events: rows, cursor: nextCursor, total, offset };
    },
    bytesPerHop: () =>
      s.hops.bytesPerHop() +
      s.events.bytesPerSlot() *
        ((s.events.next - s.events.first) / Math.max(1, s.hops.last - s.hops.first() + 1)),
  };
}
