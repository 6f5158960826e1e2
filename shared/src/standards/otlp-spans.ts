import type { Hop } from '../trace/hop.js';
import { ATTEMPT_END, LOST, MEMBERSHIP, lastOf } from './otlp-hops.js';
import { createEventTypes } from './otlp-event-types.js';
import { OTLP_SPAN_KIND, OTLP_STATUS_CODE, type OtlpKeyValue, type OtlpStatus } from './otlp-schema.js';
import type { Topology } from './otlp-topology.js';
import { bool, int, spanIdFrom, str } from './otlp-values.js';
import type { FlowDoc } from '../flow/schema.js';

/** A span being built: times are simulated ms until the export turns them into Unix nanos. */
export interface SpanDraft {
  /** The node whose resource (service) the span belongs to. */
  node: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: (typeof OTLP_SPAN_KIND)[keyof typeof OTLP_SPAN_KIND];
  start: number;
  end: number;
  attributes: OtlpKeyValue[];
  /** Only the event span carries events: one per hop of its event. */
  hops?: Hop[];
  status?: OtlpStatus;
}

interface Publication {
  topic: string;
  partition?: number;
  offset?: number;
  t: number;
}

const SPAN_ID = /^(?!0{16})[0-9a-f]{16}$/;

const error = (message: string): OtlpStatus => ({ code: OTLP_STATUS_CODE.error, message });
const key = (...parts: (string | number | undefined)[]) => parts.join('\u0000');

/** Turns hops, fed in seq order, into span drafts: an event span per event and one per step that takes time. */
export function createSpanBuilder(
  flow: FlowDoc,
  topology: Topology,
  eventSpanId: (eventId: string) => string | undefined = () => undefined,
) {
  const eventTypes = createEventTypes(flow);
  const drafts: SpanDraft[] = [];
  const eventSpans = new Map<string, SpanDraft>();
  const publications = new Map<string, Publication[]>();
  const fetched = new Set<string>();
  const attempts = new Map<string, SpanDraft>(); // open, per (event, node, group)
  const lastAttempt = new Map<string, SpanDraft>(); // latest, per (event, node): what emitted a child
  const waits = new Map<string, SpanDraft>(); // open backoff or redelivery wait, per (event, node, group)
  const buffers = new Map<string, SpanDraft>(); // open, per event
  let lastT = 0;

  function open(hop: Hop, role: string, node: string, name: string, kind: SpanDraft['kind']): SpanDraft {
    const d: SpanDraft = {
      node,
      traceId: hop.trace,
      spanId: spanIdFrom(key(hop.trace, hop.event, hop.seq, role)),
      name,
      kind,
      start: hop.t,
      end: hop.t,
      attributes: [str('messaging.system', 'eventflow'), str('messaging.message.id', hop.event)],
    };
    const parent = eventSpans.get(hop.event);
    if (parent) d.parentSpanId = parent.spanId;
    drafts.push(d);
    return d;
  }

  function eventSpanOf(hop: Hop, type: string | undefined): SpanDraft {
    const known = eventSpans.get(hop.event);
    if (known) return known;
    const creates = hop.type === 'produced' || hop.type === 'emitted';
    const name = creates
      ? `${hop.type === 'produced' ? 'produce' : 'emit'} ${type ?? 'event'}`
      : MEMBERSHIP.has(hop.type)
        ? 'membership change'
        : 'event';
    const d = open(hop, 'event', hop.node, name, creates ? OTLP_SPAN_KIND.producer : OTLP_SPAN_KIND.internal);
    const given = eventSpanId(hop.event);
    if (given !== undefined && SPAN_ID.test(given)) d.spanId = given;
    d.hops = [];
    d.attributes.push(str('cloudevents.event_id', hop.event));
    if (type !== undefined) d.attributes.push(str('cloudevents.event_type', type));
    if (creates) d.attributes.push(str('cloudevents.event_source', `/nodes/${hop.node}`));
    else if (!MEMBERSHIP.has(hop.type)) d.attributes.push(bool('eventflow.truncated', true));
    if (hop.parent !== undefined) {
      const by = lastAttempt.get(key(hop.parent, hop.node)) ?? eventSpans.get(hop.parent);
      if (by) d.parentSpanId = by.spanId;
      d.attributes.push(str('cloudevents.causation_id', hop.parent));
    }
    eventSpans.set(hop.event, d);
    return d;
  }

  function publicationOf(hop: Hop): Publication | undefined {
    const candidates = (publications.get(hop.event) ?? []).filter(
      (p) => p.partition === hop.partition && p.offset === hop.offset,
    );
    const topics = topology.topicsOf(hop.edge);
    return lastOf(candidates, (p) => topics.has(p.topic)) ?? candidates.at(-1);
  }

  function latency(hop: Hop, pub: Publication, group: string): SpanDraft | undefined {
    const once = key(hop.event, group, pub.topic, pub.partition, pub.offset);
    if (fetched.has(once)) return undefined;
    fetched.add(once);
    const topicLabel = topology.label(pub.topic);
    const d = open(hop, 'latency', pub.topic, `${topicLabel} latency`, OTLP_SPAN_KIND.internal);
    d.start = pub.t;
    d.attributes.push(
      str('messaging.destination.name', topicLabel),
      str('messaging.consumer.group.name', group),
    );
    if (pub.partition !== undefined)
      d.attributes.push(str('messaging.destination.partition.id', `${pub.partition}`));
    if (pub.offset !== undefined) d.attributes.push(int('eventflow.offset', pub.offset));
    return d;
  }

  function startAttempt(hop: Hop, group: string): void {
    const k = key(hop.event, hop.node, group);
    close(waits, k, hop.t);
    close(attempts, k, hop.t);
    const pub = publicationOf(hop);
    if (pub) latency(hop, pub, group);
    const n = topology.node(hop.node);
    const topicLabel = pub ? topology.label(pub.topic) : undefined;
    const d =
      n?.kind === 'webhook'
        ? open(hop, 'attempt', hop.node, `POST ${topology.label(hop.node)}`, OTLP_SPAN_KIND.client)
        : open(
            hop,
            'attempt',
            hop.node,
            `process ${topicLabel ?? topology.label(hop.node)}`,
            OTLP_SPAN_KIND.consumer,
          );
    d.attributes.push(
      str('messaging.operation.type', 'process'),
      str('messaging.operation.name', n?.kind === 'webhook' ? 'deliver' : 'process'),
      str('messaging.consumer.group.name', group),
      int('eventflow.attempt', hop.attempt ?? 1),
    );
    if (n?.kind === 'webhook')
      d.attributes.push(str('http.request.method', 'POST'), str('url.full', n.config.url));
    if (topicLabel !== undefined) d.attributes.push(str('messaging.destination.name', topicLabel));
    if (hop.partition !== undefined)
      d.attributes.push(str('messaging.destination.partition.id', `${hop.partition}`));
    if (hop.offset !== undefined) d.attributes.push(int('eventflow.offset', hop.offset));
    if (hop.instance !== undefined) d.attributes.push(int('eventflow.instance', hop.instance));
    attempts.set(k, d);
    lastAttempt.set(key(hop.event, hop.node), d);
  }

  function endAttempt(hop: Hop, group: string): void {
    const d = close(attempts, key(hop.event, hop.node, group), hop.t);
    if (!d) return;
    d.attributes.push(str('eventflow.outcome', hop.type));
    if (hop.status !== undefined) d.attributes.push(int('http.response.status_code', hop.status));
    if (hop.type === 'failed' || hop.type === 'crashed') {
      d.status = error(hop.reason ?? (hop.status !== undefined ? `HTTP ${hop.status}` : hop.type));
    }
  }

  function startWait(hop: Hop, group: string, name: string): void {
    const d = open(hop, 'wait', hop.node, name, OTLP_SPAN_KIND.internal);
    d.attributes.push(
      str('messaging.consumer.group.name', group),
      int('eventflow.attempt', (hop.attempt ?? 1) + 1),
    );
    if (hop.reason !== undefined) d.attributes.push(str('eventflow.reason', hop.reason));
    waits.set(key(hop.event, hop.node, group), d);
  }

  /** Ends the open span under `k` at `t` and forgets it; a give-up at the same instant leaves no empty wait. */
  function close(open: Map<string, SpanDraft>, k: string, t: number): SpanDraft | undefined {
    const d = open.get(k);
    if (!d) return undefined;
    open.delete(k);
    d.end = t;
    return d;
  }

  function add(hop: Hop): void {
    lastT = Math.max(lastT, hop.t);
    const type = eventTypes.observe(hop);
    const ev = eventSpanOf(hop, type);
    ev.end = Math.max(ev.end, hop.t);
    ev.hops?.push(hop);
    if (LOST.has(hop.type) && !ev.status)
      ev.status = error(`${hop.type}: ${hop.reason ?? 'no reason given'}`);
    const group = hop.group ?? hop.node;

    switch (hop.type) {
      case 'buffered': {
        const d = open(hop, 'buffer', hop.node, 'buffered (topic down)', OTLP_SPAN_KIND.internal);
        if (hop.reason !== undefined) d.attributes.push(str('eventflow.reason', hop.reason));
        buffers.set(hop.event, d);
        break;
      }
      case 'published':
      case 'publish-failed': {
        const held = close(buffers, hop.event, hop.t);
        if (held && hop.type === 'publish-failed') held.status = error(hop.reason ?? 'publish failed');
        if (hop.type === 'published') {
          const list = publications.get(hop.event) ?? [];
          list.push({ topic: hop.node, partition: hop.partition, offset: hop.offset, t: hop.t });
          publications.set(hop.event, list);
        }
        break;
      }
      case 'delivered':
        startAttempt(hop, group);
        break;
      case 'retry-scheduled':
        endAttempt(hop, group);
        startWait(hop, group, 'retry backoff');
        break;
      case 'crashed':
        endAttempt(hop, group);
        startWait(hop, group, 'awaiting redelivery');
        break;
      case 'expired': {
        const pub = lastOf(publications.get(hop.event) ?? [], (p) => p.topic === hop.node);
        const d = pub && latency(hop, pub, group);
        if (d) d.status = error(`expired: ${hop.reason ?? 'retention'}`);
        break;
      }
      default:
        if (ATTEMPT_END.has(hop.type)) {
          endAttempt(hop, group);
          if (hop.type !== 'processed' && hop.type !== 'failed') {
            const w = close(waits, key(hop.event, hop.node, group), hop.t);
            if (w && w.end === w.start) drafts.splice(drafts.lastIndexOf(w), 1);
          }
        }
    }
  }

  /** Spans still open when the trace ends (a run stopped early) end at its last hop, marked unfinished. */
  function finish(): SpanDraft[] {
    for (const open of [attempts, waits, buffers]) {
      for (const d of open.values()) {
        d.end = lastT;
        d.attributes.push(bool('eventflow.unfinished', true));
      }
      open.clear();
    }
    return drafts;
  }

  return { add, finish };
}
