import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseFlow, type FlowDoc, type FlowEvent, type Hop, type TraceFilter } from '@eventflow/shared';
import { describe, expect, it, test } from 'vitest';
import { createEngine, type TraceReader } from '../engine/index.js';
import { build, seedArb, specArb } from '../engine/random-flows.js';
import { createTraceIndex, type TraceIndex } from './trace-index.js';

const EXAMPLES = readdirSync('examples')
  .filter((f) => f.endsWith('.flow.json'))
  .sort();

/** Feeds the engine's trace to an index the way a live run would: each event's envelope when it first appears. */
function indexOfTrace(trace: TraceReader, hops: readonly Hop[]): TraceIndex {
  const index = createTraceIndex();
  const seen = new Set<string>();
  for (const hop of hops) {
    if (!seen.has(hop.event)) {
      seen.add(hop.event);
      const event = trace.event(hop.event);
      if (event !== undefined) index.addEvent(event);
    }
    index.add(hop);
  }
  return index;
}

/** Filters drawn from the trace: every hop type and node in it, some types, keys and payload text, and pairs. */
function filtersOf(trace: TraceReader, hops: readonly Hop[]): TraceFilter[] {
  const filters: TraceFilter[] = [{}];
  const outcomes = [...new Set(hops.map((h) => h.type))];
  const nodes = [...new Set(hops.map((h) => h.node))];
  const ids = [...new Set(hops.map((h) => h.event))];
  const events = ids.map((id) => trace.event(id)).filter((e) => e !== undefined);
  const types = [...new Set(events.map((e) => e.type))];
  const keys = [...new Set(events.flatMap((e) => (e.partitionkey === undefined ? [] : [e.partitionkey])))];
  for (const outcome of outcomes) filters.push({ outcome });
  for (const node of nodes) filters.push({ node });
  for (const type of types.slice(0, 3)) filters.push({ type });
  for (const key of keys.slice(0, 3)) filters.push({ key });
  const middle = events[events.length >> 1];
  if (middle !== undefined) {
    const json = JSON.stringify(middle.data ?? null);
    // Upper-cased: the text filter is case-insensitive.
    filters.push({ text: json.slice(2, 6).toUpperCase() }, { text: json });
  }
  filters.push({ text: 'no payload holds this' }, { type: 'no-such-type' }, { key: 'no-such-key' });
  filters.push(
    { type: types[0], outcome: outcomes.at(-1) },
    { node: nodes.at(-1), outcome: 'acked' },
    { key: keys[0], node: nodes[0], type: types.at(-1) },
    { outcome: 'dead-lettered', text: '{' },
  );
  return filters;
}

/** Every page of one query from the start, following cursors to the end (at most `maxPages`). */
function pages(trace: TraceReader, filter: TraceFilter, limit: number | undefined, maxPages = 60) {
  const out = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = trace.query(filter, cursor, limit);
    out.push(page);
    if (page.cursor === undefined) break;
    cursor = page.cursor;
  }
  return out;
}

/** Runs the engine to idle, or (a run still going) to about `maxHops`, and compares the index fed its trace. */
function expectParity(flow: FlowDoc, seed: number, maxHops?: number) {
  const engine = createEngine({ flow, seed });
  engine.run(maxHops === undefined ? undefined : { maxHops });
  const ref = engine.trace;
  const hops = ref.read(1, ref.lastSeq());
  const { reader } = indexOfTrace(ref, hops);

  expect([reader.lastSeq(), reader.firstSeq(), reader.evicted()]).toEqual([
    ref.lastSeq(),
    ref.firstSeq(),
    ref.evicted(),
  ]);
  const last = ref.lastSeq();
  for (const [from, to] of [
    [1, last],
    [0, last + 5],
    [Math.ceil(last / 3), Math.ceil((2 * last) / 3)],
    [last, last],
    [last + 1, last + 9],
    [5, 2],
  ] as const)
    expect(reader.read(from, to)).toEqual(ref.read(from, to));

  const ids = [...new Set(hops.map((h) => h.event))];
  for (const id of [...ids, 'e0', 'nope', `e${ids.length + 1000}`]) {
    expect(reader.event(id)).toEqual(ref.event(id));
    expect(reader.path(id)).toEqual(ref.path(id));
  }

  for (const filter of filtersOf(ref, hops)) {
    const total = ref.query(filter, undefined, 1).total;
    // Limits of one and a few (the first pages), the default, and one that pages through every match.
    for (const limit of [1, 7, undefined, Math.max(1, Math.ceil(total / 25))])
      expect(pages(reader, filter, limit)).toEqual(pages(ref, filter, limit));
    for (const cursor of ['x', '-4', '0', String(ids.length + 10)])
      expect(reader.query(filter, cursor, 5)).toEqual(ref.query(filter, cursor, 5));
  }
}

describe('the trace index answers what the engine answers', () => {
  it.each(EXAMPLES)('%s: the same reads, paths and queries', (file) => {
    const r = parseFlow(JSON.parse(readFileSync(join('examples', file), 'utf8')));
    if (!r.ok) throw new Error(`${file} is invalid`);
    expectParity(r.flow, r.flow.seed ?? 1);
  });

  it.each(EXAMPLES)('%s: the same answers mid-run', (file) => {
    const r = parseFlow(JSON.parse(readFileSync(join('examples', file), 'utf8')));
    if (!r.ok) throw new Error(`${file} is invalid`);
    expectParity(r.flow, r.flow.seed ?? 1, 150);
  });

  test('over random flows and seeds', () => {
    fc.assert(
      fc.property(
        specArb,
        seedArb,
        fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
        (spec, seed, cut) => expectParity(build(spec).doc, seed, cut),
      ),
      { numRuns: 30 },
    );
  });
});

describe('createTraceIndex', () => {
  const hop = (seq: number, event: string, extra: Partial<Hop> = {}): Hop => ({
    seq,
    t: seq * 10,
    type: 'produced',
    event,
    trace: '0'.repeat(32),
    node: 'orders',
    ...extra,
  });

  it('rejects a hop whose seq is not after the last one', () => {
    const index = createTraceIndex();
    index.add(hop(3, 'a'));
    expect(() => index.add(hop(3, 'b'))).toThrow(RangeError);
    expect(index.reader.read(0, 10)).toEqual([hop(3, 'a')]);
  });

  it('lists and walks events known only from their hops', () => {
    const index = createTraceIndex();
    index.add(hop(4, 'a'));
    index.add(hop(5, 'b', { type: 'emitted', node: 'billing', parent: 'a' }));
    index.add(hop(6, 'b', { type: 'acked', node: 'billing', group: 'billing' }));
    const { reader } = index;
    // A trace that starts at seq 4 is missing three hops, as an engine that had evicted them would say.
    expect([reader.firstSeq(), reader.evicted(), reader.lastSeq()]).toEqual([4, 3, 6]);
    expect(reader.path('a').hops.map((h) => h.seq)).toEqual([4, 5, 6]);
    expect(reader.path('a').events).toEqual([]);
    expect(reader.query({ outcome: 'acked' })).toEqual({
      events: [
        { id: 'b', type: 'unknown', t: 50, node: 'billing', parent: 'a', outcomes: { billing: 'acked' } },
      ],
      total: 1,
      offset: 0,
    });
    // A page can start at an event or a row; rows count matching events only.
    expect(reader.query({}, undefined, 1, { eventId: 'b' }).events.map((e) => e.id)).toEqual(['b']);
    expect(reader.query({}, undefined, 1, { eventId: 'b' }).offset).toBe(1);
    expect(reader.query({ outcome: 'acked' }, undefined, 5, { row: 0 })).toMatchObject({
      offset: 0,
      total: 1,
    });
    expect(reader.query({}, undefined, 5, { eventId: 'nope' })).toMatchObject({ events: [], offset: 2 });
  });

  it('keeps a chain whose child arrived before its parent, and lists the parent once it has a hop', () => {
    const index = createTraceIndex();
    index.add(hop(1, 'child', { type: 'emitted', parent: 'root' }));
    expect(index.reader.event('root')).toBeUndefined();
    expect(index.reader.query({}).total).toBe(1);
    index.add(hop(2, 'root'));
    expect(index.reader.path('root').hops.map((h) => h.event)).toEqual(['child', 'root']);
    expect(index.reader.query({}).events.map((r) => r.id)).toEqual(['child', 'root']);
  });

  it('shows an envelope registered before its first hop only once that hop is in', () => {
    const index = createTraceIndex();
    const event: FlowEvent = {
      specversion: '1.0',
      id: 'a',
      source: '/nodes/orders',
      type: 'order.placed',
      time: '2026-01-01T00:00:00.010Z',
      datacontenttype: 'application/json',
      data: { total: 5 },
      traceparent: `00-${'0'.repeat(32)}-${'0'.repeat(16)}-01`,
      correlationid: 'a',
      partitionkey: 'k1',
    };
    index.addEvent(event);
    expect(index.reader.event('a')).toBeUndefined();
    expect(index.reader.query({}).total).toBe(0);
    index.add(hop(1, 'a'));
    expect(index.reader.event('a')).toEqual(event);
    expect(index.reader.query({ key: 'k1', text: 'TOTAL' }).events).toEqual([
      { id: 'a', type: 'order.placed', t: 10, node: 'orders', key: 'k1', outcomes: {} },
    ]);
    expect(index.reader.bytesPerHop()).toBeGreaterThan(0);
  });
});
