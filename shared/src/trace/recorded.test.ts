import { describe, expect, it } from 'vitest';
import { parseFlow } from '../flow/parse.js';
import type { Hop } from './hop.js';
import {
  createTraceLineReader,
  parseTraceNdjson,
  RECORDED_MAX_HOPS,
  recordedTraceProblems,
} from './recorded.js';

const parsed = parseFlow({
  format: 'eventflow.flow',
  version: 1,
  name: 'Producer → topic → consumer',
  nodes: [
    { id: 'p', kind: 'producer', label: 'P', position: { x: 0, y: 0 }, config: { eventType: 'Ping' } },
    { id: 't', kind: 'topic', label: 'T', position: { x: 200, y: 0 }, config: {} },
    { id: 'c', kind: 'consumer', label: 'C', position: { x: 400, y: 0 }, config: {} },
  ],
  edges: [
    { id: 'e1', source: 'p', target: 't' },
    { id: 'e2', source: 't', target: 'c' },
  ],
});
if (!parsed.ok) throw new Error('fixture is invalid');
const flow = parsed.flow;

const hop = (seq: number, fields: Partial<Hop> = {}): Hop => ({
  seq,
  t: seq,
  type: 'produced',
  event: 'ev-1',
  trace: '0'.repeat(32),
  node: 'p',
  ...fields,
});
const ndjson = (hops: unknown[]) => `${hops.map((h) => JSON.stringify(h)).join('\n')}\n`;

describe('parseTraceNdjson', () => {
  it('reads one hop a line, skipping blank lines', () => {
    const hops = [hop(1), hop(2, { type: 'published', node: 't', edge: 'e1' })];
    expect(parseTraceNdjson(`\n${ndjson(hops)}\n\n`)).toEqual({ ok: true, hops });
  });

  it('names every bad line by number and what is wrong with it', () => {
    const text = [
      JSON.stringify(hop(1)),
      '{oops',
      JSON.stringify({ ...hop(2), type: 'teleported' }),
      JSON.stringify(hop(1)),
    ].join('\n');
    const r = parseTraceNdjson(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path)).toEqual(['line 2', 'line 3', 'line 4']);
    expect(r.problems[0]!.message).toMatch(/^not JSON/);
    expect(r.problems[1]!.message).toMatch(/^not a hop: type: /);
    expect(r.problems[2]!.message).toBe('seq 1 does not follow 1: hops must be in seq order');
  });

  it('refuses an empty file and one over the recorded-run ceiling', () => {
    expect(parseTraceNdjson('\n \n')).toEqual({
      ok: false,
      problems: [{ path: '', message: 'the file holds no hop', severity: 'error' }],
    });
    const many = Array.from({ length: RECORDED_MAX_HOPS + 1 }, (_, i) => hop(i + 1));
    const r = parseTraceNdjson(ndjson(many));
    expect(r.ok === false && r.problems[0]!.message).toMatch(/at most 10000/);
  });
});

describe('recordedTraceProblems', () => {
  it('accepts a trace whose nodes and edges are all in the flow', () => {
    expect(recordedTraceProblems(flow, [hop(1), hop(2, { node: 't', edge: 'e1' })])).toEqual([]);
  });

  it('names each missing node and edge once, with how many hops and the first seq', () => {
    const hops = [hop(1, { node: 'gone' }), hop(2, { node: 'gone', edge: 'e9' }), hop(3, { node: 't' })];
    expect(recordedTraceProblems(flow, hops)).toEqual([
      {
        path: 'nodes.gone',
        message: expect.stringMatching(
          /^the trace has 2 hops at node gone \(first at seq 1\), which “Producer → topic → consumer” does not have/,
        ),
        severity: 'error',
      },
      {
        path: 'edges.e9',
        message: expect.stringMatching(/^the trace has 1 hop at edge e9 \(first at seq 2\)/),
        severity: 'error',
      },
    ]);
  });
});

describe('createTraceLineReader', () => {
  it('names the line and the field of a malformed hop, and counts without keeping when asked', () => {
    const reader = createTraceLineReader({ maxHops: 10, keep: false });
    expect(reader.line(JSON.stringify(hop(1)))).toBe(true);
    reader.line('');
    reader.line(JSON.stringify({ ...hop(2), t: 'soon' }));
    expect(reader.count).toBe(1);
    const r = reader.finish();
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.problems).toEqual([
      { path: 'line 3', message: expect.stringMatching(/^not a hop: t: /) as unknown, severity: 'error' },
    ]);
  });

  it('stops at the ceiling it was given', () => {
    const reader = createTraceLineReader({ maxHops: 2 });
    expect(reader.line(JSON.stringify(hop(1)))).toBe(true);
    expect(reader.line(JSON.stringify(hop(2)))).toBe(true);
    expect(reader.line(JSON.stringify(hop(3)))).toBe(false);
    const r = reader.finish();
    expect(r.ok === false && r.problems[0]!.message).toMatch(/at most 2 here/);
  });
});
