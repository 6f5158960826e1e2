import type { Hop } from './hop.js';
import { formatSimClock } from './time-format.js';

/** Optional context that makes explanations read like the drawing: node labels, and which consumers sit behind each filter. */
export interface ExplainContext {
  /** Node id → label shown on the canvas. */
  labels?: Record<string, string>;
  /** Filter node id → ids of the consumers (or groups) it feeds, so a `filtered` hop can be tied to one consumer. */
  downstreamOf?: Record<string, readonly string[]>;
}

// A hop's t is a clock reading, written like every other one in the app (`t=2,997 ms`).
const fmtT = (t: number) => `t=${formatSimClock(t)}`;

/** The filter's expression, out of a `filtered` hop's reason ("did not match data.total > 100"). */
function expressionOf(reason: string | undefined): string | undefined {
  const m = reason ? /did not match (.+)$/.exec(reason) : null;
  return m?.[1]?.trim();
}

/** What `processing failed` (or another failure) was, out of a dead-letter reason "gave up after 4 attempts: <cause>". */
function causeOf(reason: string | undefined): string {
  if (!reason) return 'processing failed';
  const m = /:\s*(.+)$/.exec(reason);
  return (m?.[1] ?? reason).replace(/\s*\(failureRate [^)]*\)/, '');
}

/** Hop types of a consumer group's membership changes (on marker events; `rebalanced` also on a moved delivery). */
const MEMBERSHIP_HOPS = new Set<string>(['instance-down', 'instance-up', 'scaled', 'rebalanced']);

const filterError = (h: Hop, label: (id: string) => string) =>
  `errored in ${label(h.node)}'s filter at ${fmtT(h.t)}${h.reason ? `: ${h.reason}` : ''}`;

/**
 * One sentence saying what became of event `eventId` along the subscription of `consumerOrGroup`
 * (a consumer node id or a group name), from the trace alone. Hops may be in any order; they are read by `seq`.
 */
export function explainOutcome(
  hops: readonly Hop[],
  eventId: string,
  consumerOrGroup: string,
  ctx: ExplainContext = {},
): string {
  const label = (id: string) => ctx.labels?.[id] ?? id;
  const mine = hops.filter((h) => h.event === eventId).sort((a, b) => a.seq - b.seq);
  if (mine.length === 0) return `no hops of ${eventId} are in the trace`;
  // The consumer that emitted this event (its `emitted` hop, and a drop for chain depth) did not receive it.
  const sub = mine.filter(
    (h) =>
      h.group === consumerOrGroup ||
      (h.node === consumerOrGroup && h.type !== 'filtered' && h.type !== 'emitted' && h.group !== undefined),
  );
  const last = sub[sub.length - 1];

  if (!last) {
    const emitted = mine.find((h) => h.type === 'emitted' && h.node === consumerOrGroup);
    if (emitted)
      return `emitted by ${label(consumerOrGroup)} at ${fmtT(emitted.t)}${emitted.parent ? `, as a child of ${emitted.parent}` : ''}`;
    const filtered = mine.find(
      (h) =>
        h.type === 'filtered' &&
        (!ctx.downstreamOf || (ctx.downstreamOf[h.node] ?? []).includes(consumerOrGroup)),
    );
    if (filtered) {
      const expr = expressionOf(filtered.reason);
      return expr
        ? `filtered by ${label(filtered.node)}'s expression \`${expr}\` at ${fmtT(filtered.t)}`
        : `filtered by ${label(filtered.node)} at ${fmtT(filtered.t)}${filtered.reason ? `: ${filtered.reason}` : ''}`;
    }
    const err = mine.find((h) => h.type === 'filter-error');
    if (err) return filterError(err, label);
    const unrouted = mine.find((h) => h.type === 'unrouted');
    if (unrouted)
      return `dropped by ${label(unrouted.node)} at ${fmtT(unrouted.t)}${unrouted.reason ? `: ${unrouted.reason}` : ''}`;
    const lost = mine.find((h) => h.type === 'publish-failed');
    if (lost)
      return `never published to ${label(lost.node)} at ${fmtT(lost.t)}: ${lost.reason ?? 'the topic was down'}`;
    const held = mine.find((h) => h.type === 'buffered');
    if (held && !mine.some((h) => h.type === 'published' && h.edge === held.edge && h.seq > held.seq))
      return `held by ${label(held.node)} since ${fmtT(held.t)}: the topic is down; it is published when the topic is back`;
    // A router's `routed` hop says which rules sent it where; a filter's carries no reason.
    const routed = mine.find((h) => h.type === 'routed' && h.reason !== undefined && h.group === undefined);
    if (routed)
      return `never reached ${label(consumerOrGroup)}: ${label(routed.node)} sent it elsewhere (${routed.reason})`;
    return `never reached ${label(consumerOrGroup)}: it is not subscribed to where this event went`;
  }

  // A membership marker event: its hops are the change itself, so the explanation lists them.
  if (MEMBERSHIP_HOPS.has(last.type) && last.partition === undefined) {
    return sub
      .map((h) => {
        const who = h.instance === undefined ? '' : `instance ${h.instance} `;
        const what =
          h.type === 'instance-down' ? 'went down' : h.type === 'instance-up' ? 'came back' : h.type;
        return `${who}${what} at ${fmtT(h.t)}${h.reason ? `: ${h.reason}` : ''}`;
      })
      .join('; ');
  }
  const attempts = Math.max(0, ...sub.map((h) => h.attempt ?? 0));
  // Compensation (emitsOnGiveUp): children the consumer emitted at the moment it gave up.
  const compensations = hops
    .filter((h) => h.type === 'emitted' && h.parent === eventId && h.node === last.node && h.t === last.t)
    .map((h) => h.event);
  const compensated = compensations.length ? `; compensated by ${compensations.join(', ')}` : '';
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  return outcomeOf(last, attempts, tries, compensated, label) + readNote(sub);
}

/**
 * A query's read (decision 0029), when the consumer read a projection row while processing this event: the
 * newest read names the version it saw, so a decision made on stale data says so beside the outcome.
 */
function readNote(sub: readonly Hop[]): string {
  const read = [...sub].reverse().find((h) => h.type === 'read' || h.type === 'stale-read');
  if (!read) return '';
  return read.type === 'stale-read'
    ? `; it decided on a stale row at ${fmtT(read.t)}: ${read.reason ?? 'a newer version was written'}`
    : `; the row it read at ${fmtT(read.t)} was current`;
}

function outcomeOf(
  last: Hop,
  attempts: number,
  tries: string,
  compensated: string,
  label: (id: string) => string,
): string {
  switch (last.type) {
    case 'acked': {
      // A webhook's ack carries the endpoint's answer.
      const http = last.status === undefined ? '' : ` (HTTP ${last.status})`;
      return attempts > 1
        ? `acked at ${fmtT(last.t)} after ${tries}${http}`
        : `acked at ${fmtT(last.t)}${http}`;
    }
    case 'dead-lettered':
      return `dead-lettered after ${tries}: ${causeOf(last.reason)}${compensated}`;
    case 'expired':
      return `expired: the group lagged and retention removed it${last.reason ? ` (${last.reason})` : ''}`;
    case 'duplicate-skipped':
      return 'duplicate skipped: already processed';
    case 'dropped':
      return `dropped at ${fmtT(last.t)}${last.reason ? `: ${last.reason}` : ''}${compensated}`;
    case 'filtered':
      return `filtered at ${label(last.node)}${last.reason ? `: ${last.reason}` : ''}`;
    // Terminal like `filtered`: the event stops at the filter whose expression failed on it.
    case 'filter-error':
      return filterError(last, label);
    case 'crashed':
      return `still in flight: instance ${last.instance ?? '?'} crashed at ${fmtT(last.t)} while processing it; the partition's next owner redelivers it`;
    case 'rebalanced':
      return `still in flight: its retry moved to the partition's next owner at ${fmtT(last.t)}`;
    case 'retry-scheduled':
      return `still in flight: retry scheduled after attempt ${last.attempt ?? attempts}`;
    default:
      return `still in flight (last: ${last.type} at ${fmtT(last.t)})`;
  }
}
