import { describe, expect, test } from 'vitest';
import { formatProblem } from './format-problems.js';
import { migrateFlowDoc } from './migrate.js';
import { parseFlow } from './parse.js';

type Doc = Record<string, unknown>;
const node = (id: string, kind: string, config: Doc = {}) => ({ id, kind, config });
const edge = (id: string, source: string, target: string, role?: string) => ({
  id,
  source,
  target,
  ...(role ? { role } : {}),
});
const flow = (nodes: unknown[], edges: unknown[]): Doc => ({
  format: 'eventflow.flow',
  version: 1,
  name: 'T',
  nodes,
  edges,
});
const good = () =>
  flow(
    [
      node('p', 'producer', { eventType: 'OrderPlaced', payload: '{"total": rand.int(1, 500)}' }),
      node('t', 'topic', { partitions: 2 }),
      node('f', 'filter', { expression: 'data.total > 100' }),
      node('c', 'consumer'),
    ],
    [edge('e1', 'p', 't'), edge('e2', 't', 'f'), edge('e3', 'f', 'c')],
  );

function lines(raw: unknown): string[] {
  const r = parseFlow(raw);
  return (r.ok ? r.warnings : r.problems).map(formatProblem);
}

test('an expression repeated on many nodes is reported at each, typed against what reaches each', () => {
  const doc = good();
  const nodes = doc.nodes as Doc[];
  const edges = doc.edges as Doc[];
  // A second producer whose events have no `total`, feeding its own copy of the same filter.
  nodes.push(
    node('p2', 'producer', { eventType: 'Other', payload: '{"id": 1}' }),
    node('t2', 'topic'),
    node('f2', 'filter', { expression: 'data.total > 100' }),
    node('f3', 'filter', { expression: 'data.total >' }),
    node('f4', 'filter', { expression: 'data.total >' }),
  );
  edges.push(edge('e4', 'p2', 't2'), edge('e5', 't2', 'f2'), edge('e6', 't2', 'f3'), edge('e7', 't2', 'f4'));
  const found = lines(doc).filter((l) => l.includes('.config.expression'));
  const broken = (i: number) => found.filter((l) => l.startsWith(`nodes[${i}]`));
  expect(broken(2)).toEqual([]);
  expect(broken(6)).toEqual([expect.stringMatching(/no upstream producer sets data.total/)]);
  expect(broken(7)).toHaveLength(1);
  expect(broken(8)).toEqual(broken(7).map((l) => l.replace('nodes[7]', 'nodes[8]')));
});

test('a good flow parses with defaults filled and no warnings', () => {
  const r = parseFlow(good());
  expect(r.ok && r.warnings).toEqual([]);
  expect(r.ok && r.flow.nodes[3]).toMatchObject({ config: { instances: 1, delivery: 'at-least-once' } });
});

describe('schema problems', () => {
  test('paths and human messages', () => {
    const doc = good();
    (doc.nodes as Doc[])[1] = node('t', 'topic', { partitions: 0, rat: 1 });
    (doc.nodes as Doc[])[3] = node('c', 'consumer', { processingMs: 'x', delivery: 'twice', instances: 1.5 });
    expect(lines(doc)).toEqual([
      'nodes[1].config.partitions: must be an integer ≥ 1',
      "nodes[1].config: unknown field 'rat'",
      'nodes[3].config.instances: must be an integer',
      'nodes[3].config.processingMs: must be a number or an object',
      'nodes[3].config.delivery: must be "at-most-once" or "at-least-once" or "exactly-once"',
    ]);
  });
  test('unknown kind, missing fields, bad ids', () => {
    expect(lines(flow([{ id: 'a b', kind: 'blob' }, { kind: 'topic' }], []))).toEqual([
      'nodes[0].kind: must be "producer", "topic", "filter", "router", "consumer", "webhook", "event-store", "projection"',
      'nodes[1].id: is required',
    ]);
  });
});

describe('graph rules', () => {
  test('missing nodes, self-loops, kind rules, duplicate ids', () => {
    const doc = good();
    doc.nodes = [...(doc.nodes as Doc[]), node('c', 'consumer')];
    doc.edges = [
      ...(doc.edges as Doc[]),
      edge('e4', 't', 'topic-9'),
      edge('e5', 'p', 'c'),
      edge('e1', 't', 't'),
      edge('e7', 'p', 'p'),
    ];
    expect(lines(doc)).toEqual([
      "nodes[4].id: duplicate node id 'c' (also nodes[3])",
      "edges[3].target: no node 'topic-9'",
      'edges[4]: a producer cannot connect to a consumer directly: publish to a topic and subscribe the consumer to it',
      "edges[5].id: duplicate edge id 'e1' (also edges[0])",
      'edges[5]: an edge cannot connect a node to itself',
      'edges[6]: an edge cannot connect a node to itself',
    ]);
  });
  test('filters must sit on a publish or a subscription path, without cycles', () => {
    const doc = flow(
      [
        node('p', 'producer', { eventType: 'A' }),
        node('t', 'topic'),
        node('c', 'consumer'),
        node('mix', 'filter', { expression: 'true' }),
        node('f1', 'filter', { expression: 'true' }),
        node('f2', 'filter', { expression: 'true' }),
        node('lost', 'filter', { expression: 'true' }),
      ],
      [
        edge('a', 'p', 't'),
        edge('b', 't', 'c'),
        edge('c1', 'p', 'mix'),
        edge('c2', 'mix', 'c'),
        edge('d1', 'f1', 'f2'),
        edge('d2', 'f2', 'f1'),
        edge('d3', 't', 'lost'),
      ],
    );
    expect(parseFlow(doc).ok).toBe(false);
    expect(lines(doc)).toEqual([
      "nodes[4]: filters form a cycle: 'f1' → 'f2' → 'f1'",
      "nodes[3]: filter 'mix' must sit on a publish path (producers/consumers → topics) or a subscription path (a topic → consumers), but it connects producer 'p' to consumer 'c'",
      "nodes[6]: filter 'lost' leads nowhere: connect it to a topic or a consumer",
    ]);
  });
  test('at most one dead-letter edge per consumer, and only consumer → topic', () => {
    const doc = good();
    doc.nodes = [
      ...(doc.nodes as Doc[]),
      node('dlq', 'topic'),
      node('dlq2', 'topic'),
      node('audit', 'consumer'),
    ];
    doc.edges = [
      ...(doc.edges as Doc[]),
      edge('x1', 'c', 'dlq', 'dead-letter'),
      edge('x2', 'c', 'dlq2', 'dead-letter'),
      edge('x3', 'p', 'dlq', 'dead-letter'),
      edge('x4', 'dlq', 'audit'),
      edge('x5', 'dlq2', 'audit'),
    ];
    expect(lines(doc).filter((l) => !l.endsWith('(warning)'))).toEqual([
      "edges[4]: consumer 'c' already has a dead-letter edge (edges[3])",
      'edges[5]: a dead-letter edge must go from a consumer or a webhook to a topic',
    ]);
  });
  test('warnings do not fail parsing', () => {
    const doc = flow(
      [
        node('p', 'producer', { eventType: 'A' }),
        node('lonely', 'producer', { eventType: 'B' }),
        node('t1', 'topic', { partitions: 2 }),
        node('t2', 'topic'),
        node('idle', 'topic'),
        node('A', 'consumer', { instances: 3, emits: [{ eventType: 'X' }] }),
        node('B', 'consumer', { emits: [{ eventType: 'Y' }] }),
        node('deaf', 'consumer'),
        node('mute', 'consumer', { emits: [{ eventType: 'Z' }], delivery: 'at-most-once', maxAttempts: 5 }),
      ],
      [
        edge('e1', 'p', 't1'),
        edge('e2', 't1', 'A'),
        edge('e3', 'A', 't2'),
        edge('e4', 't2', 'B'),
        edge('e5', 'B', 't1'),
        edge('e6', 't1', 'mute'),
      ],
    );
    const r = parseFlow(doc);
    expect(r.ok).toBe(true);
    expect(lines(doc)).toEqual([
      "nodes[1]: producer 'lonely' publishes to no topic (warning)",
      "nodes[4]: topic 'idle' has no subscribers (warning)",
      "nodes[7]: consumer 'deaf' subscribes to no topic (warning)",
      "nodes[8].config.emits: consumer 'mute' emits events but has no out-edge to a topic: they go nowhere (warning)",
      'nodes[8].config.maxAttempts: an at-most-once consumer never retries: maxAttempts has no effect (warning)',
      "nodes[5].config.instances: 3 instances for 2 partitions: 1 will idle (group 'A' on topic 't1') (warning)",
      'nodes[5]: cycle of chained events: A → t2 → B → t1 → A; bounded by maxChainDepth (warning)',
    ]);
  });
});

test('CEL problems carry the expression path and the column', () => {
  const doc = good();
  (doc.nodes as Doc[])[2] = node('f', 'filter', { expression: 'data.total > 1 && totl' });
  (doc.nodes as Doc[])[0] = node('p', 'producer', { eventType: 'A', key: 'event.id', payload: '{"a": 1' });
  (doc.nodes as Doc[])[3] = node('c', 'consumer', { emits: [{ eventType: 'B', payload: 'event.tyep' }] });
  expect(lines(doc).filter((l) => !l.endsWith('(warning)'))).toEqual([
    "nodes[0].config.key: unknown variable 'event' (here you can use data, seq, now, rand) at column 1",
    expect.stringMatching(/^nodes\[0\]\.config\.payload: .* at column 8$/),
    "nodes[2].config.expression: unknown variable 'totl' (here you can use event, data, key, rand) at column 19",
    "nodes[3].config.emits[0].payload: event has no field 'tyep' at column 7",
  ]);
});

test('a flow with many kinds of problems reports all of them at once', () => {
  const doc = good();
  (doc.nodes as Doc[])[1] = node('t', 'topic', { partitions: -1 });
  (doc.nodes as Doc[])[2] = node('f', 'filter', { expression: 'event.tyep == "x"' });
  doc.edges = [...(doc.edges as Doc[]), edge('e9', 'p', 'nowhere')];
  expect(lines(doc)).toEqual([
    'nodes[1].config.partitions: must be an integer ≥ 1',
    "edges[3].target: no node 'nowhere'",
    "nodes[2].config.expression: event has no field 'tyep' at column 7",
  ]);
});

describe('format versions', () => {
  test('a newer version is refused with a clear message', () => {
    expect(lines({ ...good(), version: 2 })).toEqual([
      'version: this file is format version 2; this Eventflow reads up to 1',
    ]);
    expect(lines([])).toEqual(['a flow must be a JSON object']);
    expect(lines({ ...good(), format: 'other' })).toEqual([
      'format: this is not an Eventflow flow: format must be "eventflow.flow"',
    ]);
  });
  test('version 0 (no format) migrates to v1 and round-trips', () => {
    const v1 = good();
    const { format: _format, ...rest } = v1;
    const v0 = { ...rest, version: 0 };
    const m = migrateFlowDoc(v0);
    expect(m).toEqual({ ok: true, doc: v1, from: 0 });
    expect(migrateFlowDoc(v1)).toEqual({ ok: true, doc: v1, from: 1 });
    const r = parseFlow(v0);
    expect(r.ok && r.warnings).toEqual([
      { path: 'version', message: 'migrated from format version 0', severity: 'warning' },
    ]);
    const again = parseFlow(JSON.parse(JSON.stringify(r.ok && r.flow)));
    expect(again.ok && again.flow).toEqual(r.ok && r.flow);
  });
});
