import type { FlowDoc } from '../flow/schema.js';
import { SIM_EPOCH_MS } from '../trace/event.js';
import type { Hop } from '../trace/hop.js';
import type { OtlpResourceSpans, OtlpSpan, OtlpTraceRequest } from './otlp-schema.js';
import { hopEvent } from './otlp-hops.js';
import { createSpanBuilder, type SpanDraft } from './otlp-spans.js';
import { createTopology } from './otlp-topology.js';
import { str, unixNanos } from './otlp-values.js';

export * from './otlp-schema.js';

export interface OtlpOptions {
  /** Unix epoch ms that simulated t = 0 stands for; default `SIM_EPOCH_MS`, the CloudEvents' own epoch. */
  epochMs?: number;
  /**
   * The span id an event's CloudEvent names in its `traceparent` (16 hex digits), to use for its event span so
   * the export and the messages agree; events it answers `undefined` for get a derived id.
   */
  eventSpanId?: (eventId: string) => string | undefined;
}

/** The instrumentation scope every span is reported under. */
export const OTLP_SCOPE_NAME = 'eventflow';

/**
 * A run's trace as an OTLP/JSON `ExportTraceServiceRequest`, for Jaeger or any OpenTelemetry collector.
 *
 * - Each node is a service (`service.name` = its label), so one `resourceSpans` per node, in flow order.
 * - Each event gets an event span (its `produced`/`emitted` hop to its last hop, every hop a span event); under
 *   it, a span per step that takes time: a topic's latency per group (`published` → first `delivered`, or
 *   `expired`), each processing attempt or webhook POST (error status on `failed`/`crashed`, with
 *   `eventflow.attempt`), each retry backoff or wait for redelivery, and a producer's buffering while a topic
 *   is down.
 * - A chained event's span is a child of the attempt that emitted it, so a saga is one trace (`traceId` is the
 *   hops' W3C trace id).
 * - Span ids hash the trace id, event id and hop seq: the same trace always exports to the same JSON.
 *
 * `hops` may come in any order and may be a bounded store's tail: spans of events whose start was evicted
 * begin at their first stored hop (`eventflow.truncated`), and only parents present in the export are named.
 */
export function traceToOtlp(
  flow: FlowDoc,
  hops: readonly Hop[],
  options: OtlpOptions = {},
): OtlpTraceRequest {
  const epochMs = options.epochMs ?? SIM_EPOCH_MS;
  const time = (t: number) => unixNanos(epochMs, t);
  const topology = createTopology(flow);
  const builder = createSpanBuilder(flow, topology, options.eventSpanId);
  for (const hop of [...hops].sort((a, b) => a.seq - b.seq)) builder.add(hop);

  const byNode = new Map<string, OtlpSpan[]>();
  for (const n of flow.nodes) byNode.set(n.id, []);
  for (const d of builder.finish()) {
    const spans = byNode.get(d.node) ?? [];
    spans.push(toSpan(d, time));
    byNode.set(d.node, spans);
  }

  const resourceSpans: OtlpResourceSpans[] = [];
  for (const [node, spans] of byNode) {
    if (spans.length === 0) continue;
    resourceSpans.push({
      resource: {
        attributes: [
          str('service.name', topology.label(node)),
          str('service.namespace', flow.name),
          str('eventflow.node.id', node),
          str('eventflow.node.kind', topology.node(node)?.kind ?? 'unknown'),
        ],
      },
      scopeSpans: [{ scope: { name: OTLP_SCOPE_NAME }, spans }],
    });
  }
  return { resourceSpans };
}

function toSpan(d: SpanDraft, time: (t: number) => string): OtlpSpan {
  const span: OtlpSpan = {
    traceId: d.traceId,
    spanId: d.spanId,
    ...(d.parentSpanId !== undefined ? { parentSpanId: d.parentSpanId } : {}),
    name: d.name,
    kind: d.kind,
    startTimeUnixNano: time(d.start),
    endTimeUnixNano: time(d.end),
    attributes: d.attributes,
  };
  if (d.hops) span.events = d.hops.map((h) => hopEvent(h, time));
  if (d.status) span.status = d.status;
  return span;
}
