import { matchesPattern, type CelRand, type FlowEvent } from '@eventflow/shared';
import { hashString, spanIdOf, traceIdOf } from '../../engine/random.js';
import type { BrokerEnvelope } from '@eventflow/shared';
import { call, errorMessage, record, type EventEntry, type RunCtx } from './ctx.js';

/** CEL variables over one event, in the filter and emit contexts. */
export const eventVars = (event: FlowEvent, rand: CelRand) => ({
  event,
  data: event.data,
  key: event.partitionkey ?? null,
  rand,
});

/**
 * Creates an event (a root from a producer, or a child of `parent`) with a CloudEvents envelope. The entry keeps
 * the event's trace id and its root's index, so no hop slices the traceparent again and a child finds its root's
 * index in its parent's entry.
 */
export function createEvent(
  c: RunCtx,
  source: string,
  type: string,
  data: unknown,
  key: string | undefined,
  parent?: FlowEvent,
): EventEntry {
  const index = c.eventCount++;
  const id = `e${index + 1}`;
  const up = parent ? c.events.get(parent.id) : undefined;
  const rootIndex = up ? up.rootIndex : index;
  const event: FlowEvent = {
    specversion: '1.0',
    id,
    source: sourceOf(c, source),
    type,
    time: isoTime(c, c.startEpoch + (c.clock.now() - c.startedAt)),
    datacontenttype: 'application/json',
    data,
    traceparent: `00-${traceIdOf(c.seed, rootIndex)}-${spanIdOf(c.seed, index)}-01`,
    correlationid: parent ? parent.correlationid : id,
  };
  if (key !== undefined) event.partitionkey = key;
  if (parent) event.causationid = parent.id;
  // Sliced from the traceparent, not the id as built: slicing flattens the concatenated traceparent in place,
  // so the event keeps two strings and a slice instead of a tree of a dozen pieces for every hop to hold.
  const trace = traceOf(event);
  const entry: EventEntry = { event, depth: parent ? (up?.depth ?? 0) + 1 : 0, rootIndex, trace };
  c.events.set(id, entry);
  c.onEvent?.(event);
  return entry;
}

/** `/nodes/<id>`, one string per node rather than one per event. */
function sourceOf(c: RunCtx, node: string): string {
  let s = c.sources.get(node);
  if (s === undefined) c.sources.set(node, (s = `/nodes/${node}`));
  return s;
}

/**
 * `new Date(ms).toISOString()`, reused while the millisecond is the same: a fast producer creates many events per
 * ms, and the string only has ms precision.
 */
function isoTime(c: RunCtx, epochMs: number): string {
  const ms = Math.floor(epochMs);
  if (ms !== c.isoMs) {
    c.isoMs = ms;
    c.iso = new Date(ms).toISOString();
  }
  return c.iso;
}

export const traceOf = (event: FlowEvent) => event.traceparent.slice(3, 35);

/**
 * Sends an event along every ordinary out-edge of a publisher (producer, consumer, filter or router); `trace` is
 * the event's trace id (`traceOf(event)`, kept by its entry).
 */
export function route(c: RunCtx, event: FlowEvent, trace: string, from: string, rand: CelRand): void {
  for (const edge of c.plan.topology.out.get(from) ?? []) arrive(c, event, trace, edge.target, edge.id, rand);
}

function arrive(c: RunCtx, event: FlowEvent, trace: string, node: string, edge: string, rand: CelRand): void {
  if (c.plan.topics.has(node)) {
    publish(c, event, trace, node, edge);
    return;
  }
  const base = { seq: 0, t: 0, event: event.id, trace, node, edge };
  const filter = c.plan.filters.get(node);
  if (filter) {
    const r = evaluate(() => filter.evaluate(eventVars(event, rand)), 'filter');
    if (r === true) {
      record(c, { ...base, type: 'routed' });
      route(c, event, trace, node, rand);
    } else if (r === false)
      record(c, { ...base, type: 'filtered', reason: `did not match ${filter.source}` });
    else record(c, { ...base, type: 'filter-error', reason: r });
    return;
  }
  const router = c.plan.routers.get(node);
  if (!router) return;
  const matched: number[] = [];
  for (let i = 0; i < router.rules.length; i++) {
    const rule = router.rules[i]!;
    const m =
      rule.pattern !== undefined
        ? event.partitionkey !== undefined && matchesPattern(rule.pattern, event.partitionkey)
        : evaluate(() => rule.cel!.evaluate(eventVars(event, rand)), 'condition');
    if (m === false) continue;
    if (m !== true) {
      record(c, { ...base, type: 'filter-error', reason: `rule '${rule.label}' failed: ${m}` });
      return;
    }
    matched.push(i);
    if (!router.all) break;
  }
  if (matched.length === 0 && router.defaults.length === 0) {
    record(c, { ...base, type: 'unrouted', reason: router.noMatch });
    return;
  }
  const names = matched.map((m) => router.rules[m]!.describe);
  const reason = !names.length
    ? router.noMatch
    : names.length === 1
      ? `rule ${names[0]!} matched`
      : `rules ${names.join(', ')} matched`;
  record(c, { ...base, type: 'routed', reason });
  const outs = matched.length ? [...router.rules[matched[0]!]!.outs] : [...router.defaults];
  for (const m of matched.slice(1))
    for (const o of router.rules[m]!.outs) if (!outs.some((x) => x.target === o.target)) outs.push(o);
  for (const o of outs) arrive(c, event, trace, o.target, o.id, rand);
}

/** true/false, or why the expression failed (its result was not a bool, or it threw). */
export function evaluate(run: () => unknown, what: string): boolean | string {
  try {
    const r = run();
    return r === true ? true : r === false ? false : `${what} returned ${JSON.stringify(r)}, not a bool`;
  } catch (e) {
    return errorMessage(e);
  }
}

/**
 * Publishes an event to a flow topic on the broker. The `published` hop is written at once, in the order the
 * run decided it, with the partition and the offset Eventflow gave it there (carried in the envelope, so every
 * delivery names the same place); the broker's answer is awaited by the run's idle check.
 */
export function publish(c: RunCtx, event: FlowEvent, trace: string, topic: string, edge: string): void {
  const config = c.plan.topics.get(topic)!;
  const state = c.topicState.get(topic)!;
  const key = event.partitionkey;
  const partition =
    key === undefined ? state.roundRobin++ % config.partitions : hashString(key) % config.partitions;
  const offset = state.next[partition]!++;
  state.ids?.[partition]!.push(event.id);
  record(c, {
    seq: 0,
    t: 0,
    type: 'published',
    event: event.id,
    trace,
    node: topic,
    edge,
    partition,
    offset,
  });
  const groups = c.plan.topology.subscriptions.get(topic)?.length ?? 0;
  c.expected += groups;
  const envelope: BrokerEnvelope = { event, offset };
  // A slice of Node's shared pool, not an ArrayBuffer of its own per message as TextEncoder makes.
  const body = Buffer.from(JSON.stringify(envelope));
  const entry = c.events.get(event.id);
  if (entry) state.sent[partition]!.hold(offset, body, entry, groups);
  call(c, c.transport.publish({ topic, partition, key, body, eventId: event.id }));
}
