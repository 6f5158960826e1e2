import { describe, expect, it } from 'vitest';
import { parseFlow } from '../flow/parse.js';
import { SIM_EPOCH_MS } from '../trace/event.js';
import type { Hop } from '../trace/hop.js';
import { OtlpTraceRequest, traceToOtlp } from './otlp.js';
import { spanIdFrom, unixNanos } from './otlp-values.js';

const parsed = parseFlow({
  format: 'eventflow.flow',
  version: 1,
  name: 'tiny',
  nodes: [
    { id: 'p', kind: 'producer', label: 'Shop', config: { eventType: 'OrderPlaced', count: 1 } },
    { id: 't', kind: 'topic', config: {} },
    { id: 'c', kind: 'consumer', label: 'Billing', config: {} },
  ],
  edges: [
    { id: 'p-t', source: 'p', target: 't' },
    { id: 't-c', source: 't', target: 'c' },
  ],
});
if (!parsed.ok) throw new Error('the test flow is invalid');
const flow = parsed.flow;

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const hop = (seq: number, t: number, type: Hop['type'], node: string, extra: Partial<Hop> = {}): Hop => ({
  seq,
  t,
  type,
  event: 'e1',
  trace: TRACE,
  node,
  ...extra,
});
const sub = { group: 'c', instance: 0, partition: 0, offset: 0, attempt: 1 };

describe('traceToOtlp', () => {
  it('turns simulated ms into exact Unix nanos, sub-millisecond included', () => {
    expect(unixNanos(SIM_EPOCH_MS, 0)).toBe('1767225600000000000');
    expect(unixNanos(SIM_EPOCH_MS, 38.710229312069714)).toBe('1767225600038710229');
  });

  it('derives 16-hex span ids that differ for neighbouring inputs and are never zero', () => {
    const ids = new Set(Array.from({ length: 1000 }, (_, i) => spanIdFrom(`trace/e1/${i}/attempt`)));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^(?!0{16})[0-9a-f]{16}$/);
  });

  it('writes an empty request for an empty trace', () => {
    expect(traceToOtlp(flow, [])).toEqual({ resourceSpans: [] });
  });

  it('ends spans still open when the trace stops at its last hop, marked unfinished', () => {
    const req = traceToOtlp(flow, [
      hop(1, 0, 'produced', 'p'),
      hop(2, 0, 'published', 't', { edge: 'p-t', partition: 0, offset: 0 }),
      hop(3, 1, 'delivered', 'c', { edge: 't-c', ...sub }),
    ]);
    expect(OtlpTraceRequest.safeParse(req).success).toBe(true);
    expect(req.resourceSpans.map((rs) => rs.resource.attributes[0]?.value)).toEqual([
      { stringValue: 'Shop' },
      { stringValue: 't' },
      { stringValue: 'Billing' },
    ]);
    const attempt = req.resourceSpans[2]?.scopeSpans[0]?.spans[0];
    expect(attempt?.name).toBe('process t');
    expect(attempt?.endTimeUnixNano).toBe(unixNanos(SIM_EPOCH_MS, 1));
    expect(attempt?.attributes).toContainEqual({ key: 'eventflow.unfinished', value: { boolValue: true } });
  });

  it("uses the caller's event span ids when they are valid ones, its own otherwise", () => {
    const hops = [
      hop(1, 0, 'produced', 'p'),
      hop(2, 0, 'published', 't', { edge: 'p-t', partition: 0, offset: 0 }),
    ];
    const eventSpan = (id: string | undefined) =>
      traceToOtlp(flow, hops, { eventSpanId: () => id }).resourceSpans[0]?.scopeSpans[0]?.spans[0]?.spanId;
    expect(eventSpan('00f067aa0ba902b7')).toBe('00f067aa0ba902b7');
    const own = eventSpan(undefined);
    expect(own).toMatch(/^[0-9a-f]{16}$/);
    expect(eventSpan('0000000000000000')).toBe(own);
    expect(eventSpan('not-a-span-id')).toBe(own);
  });

  it('starts an event whose first hops were evicted at its first stored hop', () => {
    const req = traceToOtlp(flow, [hop(7, 5, 'processed', 'c', sub), hop(8, 5, 'acked', 'c', sub)]);
    const spans = req.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));
    expect(spans).toHaveLength(1);
    expect(spans[0]?.name).toBe('event');
    expect(spans[0]?.parentSpanId).toBeUndefined();
    expect(spans[0]?.attributes).toContainEqual({ key: 'eventflow.truncated', value: { boolValue: true } });
    expect(spans[0]?.events?.map((e) => e.name)).toEqual(['processed', 'acked']);
  });
});
