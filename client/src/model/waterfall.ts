import type { Hop } from '@eventflow/shared';

export type SpanKind = 'queued' | 'processing' | 'backoff' | 'mark';

/** One bar of the waterfall: a stretch of simulated time an event spent in one state at one place. */
export interface Span {
  event: string;
  /** Chain depth: 0 for the selected event, 1 for events it caused, … */
  depth: number;
  kind: SpanKind;
  /** What the bar is about: a consumer group, a topic, the producer. */
  where: string;
  label: string;
  start: number;
  end: number;
  /** Index into the path's hops of the hop that starts the span, so a click can step there. */
  hop: number;
}

const ENDS_PROCESSING = new Set<Hop['type']>([
  'processed',
  'failed',
  'acked',
  'dead-lettered',
  'duplicate-skipped',
  'dropped',
  // The instance went down mid-processing: the span ends there, and the redelivery opens a new one.
  'crashed',
]);
const CALL_ENDS = new Set<Hop['type']>(['call-answered', 'call-failed', 'call-timed-out']);
const MARKS = new Set<Hop['type']>([
  'produced',
  'emitted',
  'acked',
  'dead-lettered',
  'expired',
  'filtered',
  'filter-error',
  'dropped',
  'duplicate-skipped',
  'unrouted',
  'buffered',
  'publish-failed',
  'crashed',
  'rebalanced',
]);

/** Depth of each event in its chain, from the `parent` of its `produced`/`emitted` hop. */
export function chainDepths(hops: readonly Hop[]): Map<string, number> {
  const parent = new Map<string, string>();
  for (const h of hops) if (h.parent !== undefined && !parent.has(h.event)) parent.set(h.event, h.parent);
  const depth = new Map<string, number>();
  const of = (ev: string, guard = 0): number => {
    const known = depth.get(ev);
    if (known !== undefined) return known;
    const p = parent.get(ev);
    const d = p === undefined || guard > 64 ? 0 : of(p, guard + 1) + 1;
    depth.set(ev, d);
    return d;
  };
  for (const h of hops) of(h.event);
  return depth;
}

/**
 * The spans of a path (hops in `seq` order): queued from publish to delivery, processing from delivery to its
 * outcome, retry backoff from `retry-scheduled` to the next delivery, and zero-length marks for births and endings.
 */
export function computeSpans(hops: readonly Hop[]): Span[] {
  const depths = chainDepths(hops);
  const spans: Span[] = [];
  const lastPublish = new Map<string, { t: number; i: number; node: string }>();
  const open = new Map<string, { t: number; i: number; attempt: number }>();
  const backoff = new Map<string, { t: number; i: number }>();
  // Crashed on an instance that went down: queued again until the partition's next owner takes it.
  const orphaned = new Map<string, { t: number; i: number }>();
  const calling = new Map<string, { t: number; i: number }>();
  hops.forEach((h, i) => {
    const depth = depths.get(h.event) ?? 0;
    const sub = `${h.event}|${h.group ?? h.node}`;
    const where = h.group ?? h.node;
    if (h.type === 'published') lastPublish.set(h.event, { t: h.t, i, node: h.node });
    if (h.type === 'delivered') {
      const retry = backoff.get(sub);
      if (retry) {
        spans.push({
          event: h.event,
          depth,
          kind: 'backoff',
          where,
          label: `retry backoff before attempt ${h.attempt ?? '?'}`,
          start: retry.t,
          end: h.t,
          hop: retry.i,
        });
        backoff.delete(sub);
      } else if (orphaned.has(sub)) {
        const o = orphaned.get(sub)!;
        spans.push({
          event: h.event,
          depth,
          kind: 'queued',
          where,
          label: "waiting for the partition's next owner",
          start: o.t,
          end: h.t,
          hop: o.i,
        });
      } else {
        const pub = lastPublish.get(h.event);
        if (pub)
          spans.push({
            event: h.event,
            depth,
            kind: 'queued',
            where,
            label: `queued in ${pub.node}`,
            start: pub.t,
            end: h.t,
            hop: pub.i,
          });
      }
      orphaned.delete(sub);
      open.set(sub, { t: h.t, i, attempt: h.attempt ?? 1 });
    } else if (ENDS_PROCESSING.has(h.type)) {
      const o = open.get(sub);
      if (o) {
        spans.push({
          event: h.event,
          depth,
          kind: 'processing',
          where,
          label: `processing, attempt ${o.attempt} → ${h.type}`,
          start: o.t,
          end: h.t,
          hop: o.i,
        });
        open.delete(sub);
      }
    }
    // A service call: the caller waits from `called` to its answer or timeout, on the callee's row.
    if (h.type === 'called') calling.set(`${h.event}|${h.node}`, { t: h.t, i });
    else if (CALL_ENDS.has(h.type)) {
      const o = calling.get(`${h.event}|${h.node}`);
      if (o)
        spans.push({
          event: h.event,
          depth,
          kind: 'processing',
          where: h.node,
          label: `service call → ${h.type}`,
          start: o.t,
          end: h.t,
          hop: o.i,
        });
      calling.delete(`${h.event}|${h.node}`);
    }
    if (h.type === 'retry-scheduled') backoff.set(sub, { t: h.t, i });
    if (h.type === 'crashed') orphaned.set(sub, { t: h.t, i });
    if (MARKS.has(h.type))
      spans.push({ event: h.event, depth, kind: 'mark', where, label: h.type, start: h.t, end: h.t, hop: i });
  });
  return spans.sort((a, b) => a.start - b.start || a.hop - b.hop);
}

/** Time range covered by the spans, never empty so the scale can divide by it. */
export function spanRange(spans: readonly Span[]): { from: number; to: number } {
  if (spans.length === 0) return { from: 0, to: 1 };
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const s of spans) {
    from = Math.min(from, s.start);
    to = Math.max(to, s.end);
  }
  return { from, to: to > from ? to : from + 1 };
}
