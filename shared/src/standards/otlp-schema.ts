import { z } from 'zod';

/**
 * The part of OTLP/JSON (`ExportTraceServiceRequest` in the proto3 JSON mapping, as OTLP/HTTP takes it) that
 * the trace export writes. Field names are the protos' JSON names; ids are lowercase hex, not base64, as the
 * OTLP spec requires of JSON; 64-bit integers (times, `intValue`) are decimal strings.
 */

/** `Span.SpanKind` of `opentelemetry/proto/trace/v1/trace.proto`. */
export const OTLP_SPAN_KIND = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;
/** `Status.StatusCode`: 0 unset, 1 ok, 2 error. */
export const OTLP_STATUS_CODE = { unset: 0, ok: 1, error: 2 } as const;

const hex = (digits: number) => z.string().regex(new RegExp(`^[0-9a-f]{${digits}}$`));
/** Nanoseconds since the Unix epoch, a decimal string (`fixed64`). */
const UnixNanos = z.string().regex(/^\d+$/);

export const OtlpAnyValue = z.union([
  z.strictObject({ stringValue: z.string() }),
  z.strictObject({ intValue: z.string().regex(/^-?\d+$/) }),
  z.strictObject({ boolValue: z.boolean() }),
]);
export type OtlpAnyValue = z.infer<typeof OtlpAnyValue>;

export const OtlpKeyValue = z.strictObject({ key: z.string().min(1), value: OtlpAnyValue });
export type OtlpKeyValue = z.infer<typeof OtlpKeyValue>;

export const OtlpSpanEvent = z.strictObject({
  timeUnixNano: UnixNanos,
  name: z.string(),
  attributes: z.array(OtlpKeyValue),
});
export type OtlpSpanEvent = z.infer<typeof OtlpSpanEvent>;

export const OtlpStatus = z.strictObject({
  code: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  message: z.string().optional(),
});
export type OtlpStatus = z.infer<typeof OtlpStatus>;

export const OtlpSpan = z.strictObject({
  traceId: hex(32),
  spanId: hex(16),
  /** Absent on a trace's root span. */
  parentSpanId: hex(16).optional(),
  name: z.string().min(1),
  kind: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  startTimeUnixNano: UnixNanos,
  endTimeUnixNano: UnixNanos,
  attributes: z.array(OtlpKeyValue),
  events: z.array(OtlpSpanEvent).optional(),
  status: OtlpStatus.optional(),
});
export type OtlpSpan = z.infer<typeof OtlpSpan>;

export const OtlpScopeSpans = z.strictObject({
  scope: z.strictObject({ name: z.string(), version: z.string().optional() }),
  spans: z.array(OtlpSpan),
});
export type OtlpScopeSpans = z.infer<typeof OtlpScopeSpans>;

export const OtlpResourceSpans = z.strictObject({
  resource: z.strictObject({ attributes: z.array(OtlpKeyValue) }),
  scopeSpans: z.array(OtlpScopeSpans),
});
export type OtlpResourceSpans = z.infer<typeof OtlpResourceSpans>;

/** What `POST /v1/traces` takes with `Content-Type: application/json`. */
export const OtlpTraceRequest = z.strictObject({ resourceSpans: z.array(OtlpResourceSpans) });
export type OtlpTraceRequest = z.infer<typeof OtlpTraceRequest>;
