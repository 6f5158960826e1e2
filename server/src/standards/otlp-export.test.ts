import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  OTLP_SPAN_KIND,
  OTLP_STATUS_CODE,
  OtlpTraceRequest,
  SIM_EPOCH_MS,
  parseFlow,
  traceToOtlp,
  type FlowDoc,
  type Hop,
  type OtlpKeyValue,
  type OtlpSpan,
} from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../engine/api.js';
import { createEngine } from '../engine/index.js';
import { consumer, flow as testFlow, producer, topic } from '../engine/test-helpers.js';
import { engineToOtlp } from './otlp-engine.js';
import { decodeOtlpJson } from './otlp-proto-support.js';

const SEED = 5;

function run(example: string, seed = SEED): { flow: FlowDoc; hops: Hop[]; engine: Engine } {
  const r = parseFlow(JSON.parse(readFileSync(join('examples', `${example}.flow.json`), 'utf8')));
  if (!r.ok) throw new Error(`${example} is invalid`);
  const engine = createEngine({ flow: r.flow, seed });
  engine.run();
  return { flow: r.flow, hops: engine.trace.read(1, engine.trace.lastSeq()), engine };
}

/** Every span with the service (node) it was reported under. */
const spansOf = (req: OtlpTraceRequest) =>
  req.resourceSpans.flatMap((rs) =>
    rs.scopeSpans.flatMap((ss) => ss.spans.map((span) => ({ span, resource: rs.resource.attributes }))),
  );

const attr = (attrs: readonly OtlpKeyValue[], key: string) => {
  const v = attrs.find((a) => a.key === key)?.value;
  return v && ('stringValue' in v ? v.stringValue : 'intValue' in v ? Number(v.intValue) : v.boolValue);
};

const EXAMPLES = [
  'saga',
  'compensated-saga',
  'retries-dead-letter',
  'flaky-webhook',
  'crash-redelivery',
  'broker-outage',
  'content-routing',
  'at-most-once',
  'exactly-once-idempotency',
  'retention-expiry',
  'at-least-once-duplicates',
];

describe('traceToOtlp on real runs', () => {
  it.each(EXAMPLES)('%s decodes with the OpenTelemetry protos, losslessly', (example) => {
    const { flow, hops } = run(example);
    const json: unknown = JSON.parse(JSON.stringify(traceToOtlp(flow, hops)));
    const decoded = decodeOtlpJson(json);
    expect(decoded.wireBytes).toBeGreaterThan(0);
    // Nothing the protos do not define was dropped, nothing was reinterpreted.
    expect(decoded.object).toEqual(json);
    expect(OtlpTraceRequest.safeParse(json).success).toBe(true);
  });

  it.each(EXAMPLES)(
    '%s: ids unique, every parent present in its own trace, no span ends before it starts',
    (ex) => {
      const { flow, hops } = run(ex);
      const spans = spansOf(traceToOtlp(flow, hops)).map((s) => s.span);
      const byId = new Map(spans.map((s) => [s.spanId, s]));
      expect(byId.size).toBe(spans.length);
      for (const s of spans) {
        if (s.parentSpanId !== undefined) expect(byId.get(s.parentSpanId)?.traceId, s.name).toBe(s.traceId);
        expect(BigInt(s.endTimeUnixNano) >= BigInt(s.startTimeUnixNano), s.name).toBe(true);
      }
      // One event span per event, each carrying all its hops as span events.
      const eventSpans = spans.filter((s) => s.events);
      expect(eventSpans.length).toBe(new Set(hops.map((h) => h.event)).size);
      expect(eventSpans.reduce((n, s) => n + (s.events?.length ?? 0), 0)).toBe(hops.length);
    },
  );

  it.each(EXAMPLES)('%s: each event span is named for its CloudEvent type', (example) => {
    const { flow, hops, engine } = run(example);
    const named = spansOf(traceToOtlp(flow, hops))
      .map((s) => s.span)
      .filter((s) => /^(produce|emit) /.test(s.name));
    expect(named.length).toBe(hops.filter((h) => h.type === 'produced' || h.type === 'emitted').length);
    for (const s of named) {
      const id = String(attr(s.attributes, 'cloudevents.event_id'));
      expect(s.name.split(' ')[1], id).toBe(engine.trace.event(id)?.type);
    }
  });

  it('names each of several emitted children, through redeliveries and give-ups', () => {
    const flow = testFlow({
      nodes: [
        producer('shop', { eventType: 'OrderPlaced', rate: 10, count: 30 }),
        topic('orders'),
        consumer('split', {
          ackLossRate: 0.3,
          failureRate: 0.3,
          maxAttempts: 2,
          emits: [{ eventType: 'Billed' }, { eventType: 'Packed' }, { eventType: 'Shipped' }],
          emitsOnGiveUp: [{ eventType: 'Refunded' }, { eventType: 'Restocked' }],
        }),
        topic('out'),
      ],
      edges: [
        { source: 'shop', target: 'orders' },
        { source: 'orders', target: 'split' },
        { source: 'split', target: 'out' },
      ],
    });
    const engine = createEngine({ flow, seed: 3 });
    engine.run();
    const hops = engine.trace.read(1, engine.trace.lastSeq());
    const names = new Map(
      spansOf(traceToOtlp(flow, hops)).map((s) => [
        attr(s.span.attributes, 'cloudevents.event_id'),
        s.span.name,
      ]),
    );
    const emitted = hops.filter((h) => h.type === 'emitted');
    const types = new Set(emitted.map((h) => engine.trace.event(h.event)?.type));
    expect(types).toEqual(new Set(['Billed', 'Packed', 'Shipped', 'Refunded', 'Restocked']));
    for (const h of emitted)
      expect(names.get(h.event), h.event).toBe(`emit ${engine.trace.event(h.event)?.type}`);
  });

  it('a saga is one trace per order: every chained event is under the attempt that emitted it', () => {
    const { flow, hops } = run('saga');
    const spans = spansOf(traceToOtlp(flow, hops)).map((s) => s.span);
    const roots = hops.filter((h) => h.type === 'produced');
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set(roots.map((h) => h.trace)));
    // Exactly one parentless span per trace: the order's own event span.
    const parentless = spans.filter((s) => s.parentSpanId === undefined);
    expect(parentless.map((s) => s.traceId).sort()).toEqual(roots.map((h) => h.trace).sort());
    expect(
      parentless.every((s) => s.name === 'produce OrderPlaced' && s.kind === OTLP_SPAN_KIND.producer),
    ).toBe(true);

    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const eventSpan = (id: string) =>
      spans.find((s) => s.events && attr(s.attributes, 'cloudevents.event_id') === id);
    for (const h of hops.filter((x) => x.type === 'emitted')) {
      const child = eventSpan(h.event);
      const by = byId.get(child?.parentSpanId ?? '');
      expect(by?.name.startsWith('process '), h.event).toBe(true);
      expect(attr(by?.attributes ?? [], 'messaging.message.id')).toBe(h.parent);
      expect(child?.name.startsWith('emit ')).toBe(true);
    }
    // The last link of the first order's chain reaches back to the order itself.
    const names: string[] = [];
    for (let s = eventSpan('e4'); s; s = byId.get(s.parentSpanId ?? '')) names.push(s.name);
    expect(names).toEqual([
      'emit PaymentProcessed',
      'process payment-requests',
      'emit PaymentRequested',
      'process inventory-events',
      'emit InventoryReserved',
      'process orders',
      'produce OrderPlaced',
    ]);
  });

  it('each node is a service named by its label; topic latency spans sit with the topic', () => {
    const { flow, hops } = run('saga');
    const req = traceToOtlp(flow, hops);
    const services = req.resourceSpans.map((rs) => [
      attr(rs.resource.attributes, 'eventflow.node.id'),
      attr(rs.resource.attributes, 'service.name'),
      attr(rs.resource.attributes, 'eventflow.node.kind'),
    ]);
    expect(services).toContainEqual(['storefront', 'Storefront', 'producer']);
    expect(services).toContainEqual(['inventory', 'Inventory Service', 'consumer']);
    const latency = spansOf(req).find((s) => s.span.name === 'orders latency');
    expect(attr(latency?.resource ?? [], 'eventflow.node.kind')).toBe('topic');
    // published at t = 0, delivered at t = 1 (the topic's latencyMs)
    expect(latency?.span.startTimeUnixNano).toBe(`${SIM_EPOCH_MS}000000`);
    expect(latency?.span.endTimeUnixNano).toBe(`${SIM_EPOCH_MS + 1}000000`);
    expect(attr(latency?.span.attributes ?? [], 'messaging.consumer.group.name')).toBe('inventory');
  });

  it('failed attempts carry error status and their attempt number; backoffs sit between attempts', () => {
    const { flow, hops } = run('retries-dead-letter');
    const spans = spansOf(traceToOtlp(flow, hops)).map((s) => s.span);
    const attempts = spans.filter((s) => s.kind === OTLP_SPAN_KIND.consumer);
    expect(attempts.length).toBe(hops.filter((h) => h.type === 'delivered').length);
    const failedHops = hops.filter((h) => h.type === 'failed');
    expect(failedHops.length).toBeGreaterThan(0);
    const failedSpans = attempts.filter((s) => s.status?.code === OTLP_STATUS_CODE.error);
    const key = (event: unknown, attempt: unknown) => `${String(event)}#${String(attempt)}`;
    expect(
      failedSpans
        .map((s) => key(attr(s.attributes, 'messaging.message.id'), attr(s.attributes, 'eventflow.attempt')))
        .sort(),
    ).toEqual(failedHops.map((h) => key(h.event, h.attempt)).sort());
    expect(failedSpans.every((s) => s.status?.message?.startsWith('processing failed'))).toBe(true);
    expect(attempts.some((s) => attr(s.attributes, 'eventflow.attempt') === 2)).toBe(true);

    const backoffs = spans.filter((s) => s.name === 'retry backoff');
    expect(backoffs.length).toBe(hops.filter((h) => h.type === 'retry-scheduled').length);
    // The example's backoff is 100 ms, then × 2 per attempt.
    const ms = (s: OtlpSpan) =>
      Number((BigInt(s.endTimeUnixNano) - BigInt(s.startTimeUnixNano)) / 1_000_000n);
    expect(backoffs.map(ms)).toContain(100);

    const given = hops.find((h) => h.type === 'dead-lettered');
    const lost = spans.find((s) => s.events && attr(s.attributes, 'messaging.message.id') === given?.event);
    expect(lost?.status?.code).toBe(OTLP_STATUS_CODE.error);
    expect(lost?.status?.message).toMatch(/^dead-lettered: /);
  });

  it('a webhook attempt is an HTTP client span with the response status', () => {
    const { flow, hops } = run('flaky-webhook');
    const posts = spansOf(traceToOtlp(flow, hops)).filter((s) => s.span.kind === OTLP_SPAN_KIND.client);
    expect(posts.length).toBe(hops.filter((h) => h.type === 'delivered' && h.node === 'partner-api').length);
    const codes = new Set(posts.map((s) => attr(s.span.attributes, 'http.response.status_code')));
    expect(codes.has(200)).toBe(true);
    expect(posts.some((s) => s.span.status?.code === OTLP_STATUS_CODE.error)).toBe(true);
    expect(posts.every((s) => attr(s.span.attributes, 'http.request.method') === 'POST')).toBe(true);
  });

  it('a crash is an error on its attempt, then a wait until the redelivery', () => {
    const { flow, hops } = run('crash-redelivery');
    const spans = spansOf(traceToOtlp(flow, hops)).map((s) => s.span);
    const crashed = spans.filter((s) => attr(s.attributes, 'eventflow.outcome') === 'crashed');
    expect(crashed.length).toBe(hops.filter((h) => h.type === 'crashed').length);
    expect(crashed.every((s) => s.status?.code === OTLP_STATUS_CODE.error)).toBe(true);
    expect(spans.some((s) => s.name === 'awaiting redelivery')).toBe(true);
    expect(spans.some((s) => s.name === 'membership change')).toBe(true);
  });

  it('the same run exports the same JSON, byte for byte; another seed does not', () => {
    const a = run('compensated-saga');
    const b = run('compensated-saga');
    expect(JSON.stringify(traceToOtlp(b.flow, b.hops))).toBe(JSON.stringify(traceToOtlp(a.flow, a.hops)));
    // Order of the input does not matter either: hops are sorted by seq.
    expect(JSON.stringify(traceToOtlp(a.flow, [...a.hops].reverse()))).toBe(
      JSON.stringify(traceToOtlp(a.flow, a.hops)),
    );
    const c = run('compensated-saga', SEED + 1);
    expect(JSON.stringify(traceToOtlp(c.flow, c.hops))).not.toBe(JSON.stringify(traceToOtlp(a.flow, a.hops)));
  });

  it("with the engine's traceparent span ids, each event span is the span its CloudEvent names", () => {
    const { engine } = run('compensated-saga');
    const { request } = engineToOtlp(engine);
    const spans = spansOf(request).map((s) => s.span);
    const eventSpans = spans.filter((s) => s.events);
    expect(eventSpans.length).toBeGreaterThan(0);
    for (const s of eventSpans) {
      const id = String(attr(s.attributes, 'cloudevents.event_id'));
      expect(s.spanId, id).toBe(engine.trace.event(id)?.traceparent.split('-')[2]);
    }
    const ids = new Set(spans.map((s) => s.spanId));
    expect(ids.size).toBe(spans.length);
    for (const s of spans) if (s.parentSpanId !== undefined) expect(ids.has(s.parentSpanId)).toBe(true);
    expect(decodeOtlpJson(JSON.parse(JSON.stringify(request))).wireBytes).toBeGreaterThan(0);
  });

  it('times count from the given epoch', () => {
    const { flow, hops } = run('saga');
    const epochMs = Date.UTC(2030, 5, 1);
    const first = spansOf(traceToOtlp(flow, hops, { epochMs }))[0]?.span;
    expect(first?.startTimeUnixNano).toBe(`${epochMs}000000`);
  });
});

describe('the proto check itself', () => {
  const valid = () => {
    const { flow, hops } = run('saga');
    return JSON.parse(JSON.stringify(traceToOtlp(flow, hops.slice(0, 4)))) as {
      resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[];
    };
  };
  const firstSpan = (req: ReturnType<typeof valid>) => req.resourceSpans[0]?.scopeSpans[0]?.spans[0] ?? {};

  it('refuses what the OpenTelemetry definitions do not allow', () => {
    expect(() => decodeOtlpJson(valid())).not.toThrow();
    const unknownField = valid();
    firstSpan(unknownField)['durationMs'] = 3;
    expect(() => decodeOtlpJson(unknownField)).toThrow(/Span has no field durationMs/);
    const badKind = valid();
    firstSpan(badKind)['kind'] = 9;
    expect(() => decodeOtlpJson(badKind)).toThrow(/is not a SpanKind/);
    const badId = valid();
    firstSpan(badId)['spanId'] = 'not hex';
    expect(() => decodeOtlpJson(badId)).toThrow(/hex bytes/);
    const badTime = valid();
    firstSpan(badTime)['startTimeUnixNano'] = 1.5;
    expect(() => decodeOtlpJson(badTime)).toThrow(/64-bit integer/);
  });
});
