import { describe, expect, it } from 'vitest';
import { parseFlow } from '../flow/parse.js';
import type { FlowDoc } from '../flow/schema.js';
import type { Hop } from '../trace/hop.js';
import { eventPathToMermaid, flowToMermaid, MERMAID_ID } from './mermaid.js';

function flowOf(raw: Record<string, unknown>): FlowDoc {
  const r = parseFlow({ format: 'eventflow.flow', version: 1, name: 'Test', ...raw });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return r.flow;
}

const routed = flowOf({
  name: 'Orders "EU" <b> & #1; 100%',
  nodes: [
    {
      id: 'shop',
      kind: 'producer',
      label: 'Shop "main"\nline two',
      config: { eventType: 'OrderPlaced', key: '"eu.x"' },
    },
    {
      id: 'x.change',
      kind: 'router',
      label: 'Exchange [a] {b} (c)',
      config: { rules: [{ id: 'eu', label: 'EU | west', match: 'pattern', pattern: 'eu.#' }] },
    },
    { id: 'end', kind: 'topic', config: { partitions: 3 } },
    { id: 'other', kind: 'topic' },
    { id: 'worker', kind: 'consumer', config: { group: 'workers' } },
    { id: 'dlq', kind: 'topic' },
    { id: 'hook', kind: 'webhook' },
    { id: 'only-eu', kind: 'filter', config: { expression: 'key.startsWith("eu")' } },
  ],
  edges: [
    { id: 'e1', source: 'shop', target: 'x.change' },
    { id: 'e2', source: 'x.change', target: 'end', sourceHandle: 'eu' },
    { id: 'e3', source: 'x.change', target: 'other', sourceHandle: 'default' },
    { id: 'e4', source: 'end', target: 'only-eu' },
    { id: 'e5', source: 'only-eu', target: 'worker' },
    { id: 'e6', source: 'worker', target: 'dlq', role: 'dead-letter' },
    { id: 'e7', source: 'other', target: 'hook' },
  ],
});

/** `id<shape>"label"<shape>` node lines and `a --> b` edge lines of a flowchart. */
const nodeLines = (m: string) => m.split('\n').filter((l) => /^ {2}n_\w+[[({]/.test(l));
const edgeLines = (m: string) => m.split('\n').filter((l) => /^ {2}n_\w+ -/.test(l));

describe('flowToMermaid', () => {
  const m = flowToMermaid(routed);

  it('starts a left-to-right flowchart titled with the flow name', () => {
    expect(m).toMatch(/^---\ntitle: "Orders \\"EU\\" <b> & #1; 100%"\n---\nflowchart LR\n/);
  });

  it('writes one node per flow node, with a safe identifier and the shape of its kind', () => {
    const lines = nodeLines(m);
    expect(lines).toHaveLength(routed.nodes.length);
    for (const l of lines) expect(l.trim().split(/[[({]/)[0]).toMatch(MERMAID_ID);
    expect(m).toContain('  n_shop(["');
    expect(m).toContain('  n_end[("end<br/>3 partitions")]');
    expect(m).toContain('  n_x_change{"');
    expect(m).toContain('  n_worker["worker<br/>group workers"]');
    expect(m).toContain('  n_hook[["');
  });

  it('keeps identifiers distinct when node ids map to the same one', () => {
    const f = flowOf({
      nodes: [
        { id: 'a.b', kind: 'topic' },
        { id: 'a-b', kind: 'topic' },
        { id: 'a_b', kind: 'topic' },
      ],
      edges: [],
    });
    const ids = nodeLines(flowToMermaid(f)).map((l) => l.trim().split('[')[0]);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(MERMAID_ID);
  });

  it('escapes quotes, markup, entity starts and line breaks in labels', () => {
    expect(m).toContain('n_shop(["Shop #quot;main#quot;<br/>line two<br/>OrderPlaced"])');
    expect(m).toContain('n_x_change{"Exchange [a] {b} (c)<br/>first-match"}');
    const body = m.slice(m.indexOf('flowchart LR'));
    const labels = [...body.matchAll(/"([^"\n]*)"/g)].map((x) => x[1] ?? '');
    expect(labels.length).toBeGreaterThan(routed.nodes.length);
    for (const l of labels) expect(l.replace(/<br\/>/g, '').replace(/#\w+;/g, '')).not.toMatch(/[<>`;#|]/);
  });

  it('draws every edge once, router edges labelled with their rule, dead-letter edges dotted', () => {
    const lines = edgeLines(m);
    expect(lines).toHaveLength(routed.edges.length);
    expect(lines).toEqual([
      '  n_shop --> n_x_change',
      '  n_x_change -->|"EU #124; west"| n_end',
      '  n_x_change -->|"default"| n_other',
      '  n_end --> n_only_eu',
      '  n_only_eu --> n_worker',
      '  n_worker -.->|"dead-letter"| n_dlq',
      '  n_other --> n_hook',
    ]);
  });

  it('colours each kind present with one classDef and lists its nodes', () => {
    expect(m).toContain('classDef producer fill:#16a34a');
    expect(m).toContain('  class n_end,n_other,n_dlq topic');
    expect(m.match(/classDef /g)).toHaveLength(6);
  });
});

const hop = (seq: number, t: number, type: Hop['type'], node: string, more: Partial<Hop> = {}): Hop => ({
  seq,
  t,
  type,
  node,
  event: 'e1',
  trace: '0'.repeat(32),
  ...more,
});

const retried = flowOf({
  nodes: [
    { id: 'p', kind: 'producer', label: 'Payments; "API"', config: { eventType: 'Paid' } },
    { id: 't', kind: 'topic' },
    { id: 'c', kind: 'consumer', config: { emits: [{ eventType: 'Shipped' }] } },
    { id: 'dlq', kind: 'topic' },
  ],
  edges: [
    { id: 'e1', source: 'p', target: 't' },
    { id: 'e2', source: 't', target: 'c' },
    { id: 'e3', source: 'c', target: 'dlq', role: 'dead-letter' },
    { id: 'e4', source: 'c', target: 't' },
  ],
});
const retriedHops: Hop[] = [
  hop(1, 100, 'produced', 'p'),
  hop(2, 100, 'published', 't', { edge: 'e1', partition: 0, offset: 4 }),
  hop(3, 101, 'delivered', 'c', { edge: 'e2', group: 'c', instance: 0, attempt: 1 }),
  hop(4, 111, 'failed', 'c', { attempt: 1, reason: 'processing failed (failureRate 0.5)' }),
  hop(5, 111, 'retry-scheduled', 'c', { attempt: 1, reason: 'attempt 2 of 3 in 100 ms' }),
  hop(6, 211, 'delivered', 'c', { edge: 'e2', group: 'c', instance: 0, attempt: 2 }),
  hop(7, 221, 'processed', 'c', { attempt: 2 }),
  hop(8, 221, 'emitted', 'c', { event: 'e2', parent: 'e1' }),
  hop(9, 221, 'published', 't', { event: 'e2', edge: 'e4', partition: 0, offset: 5 }),
  hop(10, 221, 'acked', 'c', { attempt: 2 }),
  hop(11, 300, 'produced', 'p', { event: 'e9' }),
];

describe('eventPathToMermaid', () => {
  const m = eventPathToMermaid(retried, retriedHops, 'e1');

  it('declares the visited nodes as participants, labelled, in the order the event met them', () => {
    expect(m).toMatch(/^sequenceDiagram\n {2}title Event e1\n/);
    expect(m.split('\n').filter((l) => l.startsWith('  participant '))).toEqual([
      '  participant n_p as Payments#59; #quot;API#quot;',
      '  participant n_t as t',
      '  participant n_c as c',
    ]);
  });

  it('shows every attempt of a retried event, with times since it was produced', () => {
    expect(m).toContain('  n_t->>n_c: +1 ms delivered (group c, instance 0, attempt 1)');
    expect(m).toContain('  n_c-xn_c: +11 ms failed (attempt 1): processing failed (failureRate 0.5)');
    expect(m).toContain('  Note over n_c: +11 ms retry scheduled (attempt 1): attempt 2 of 3 in 100 ms');
    expect(m).toContain('  n_t->>n_c: +111 ms delivered (group c, instance 0, attempt 2)');
    expect(m).toContain('  n_c-->>n_t: +121 ms acked (attempt 2)');
  });

  it('follows emitted child events and leaves unrelated events out', () => {
    expect(m).toContain('  Note over n_c: +121 ms emitted e2');
    expect(m).toContain('  n_c->>n_t: +121 ms published e2 (partition 0, offset 5)');
    expect(m).not.toContain('e9');
    expect(m.split('\n').filter((l) => / {2}(n_\w+-|Note)/.test(l))).toHaveLength(10);
  });

  it('draws a dead-letter publish dotted and keeps reasons escaped', () => {
    const dl = eventPathToMermaid(
      retried,
      [
        hop(1, 0, 'produced', 'p'),
        hop(2, 5, 'dead-lettered', 'c', { edge: 'e3', attempt: 3, reason: 'gave up; "boom" #1' }),
        hop(3, 5, 'published', 'dlq', { edge: 'e3', partition: 0, offset: 0 }),
      ],
      'e1',
    );
    expect(dl).toContain(
      '  Note over n_c: +5 ms dead-lettered (attempt 3): gave up#59; #quot;boom#quot; #35;1',
    );
    expect(dl).toContain('  n_c-->>n_dlq: +5 ms published (partition 0, offset 0)');
  });

  it('sends an ack back through filters to the topic the event was read from', () => {
    const m2 = eventPathToMermaid(
      routed,
      [
        hop(1, 0, 'produced', 'shop'),
        hop(2, 1, 'routed', 'only-eu', { edge: 'e4' }),
        hop(3, 1, 'delivered', 'worker', { edge: 'e5', group: 'workers', instance: 0, attempt: 1 }),
        hop(4, 11, 'acked', 'worker', { attempt: 1 }),
      ],
      'e1',
    );
    expect(m2).toContain('  n_end->>n_only_eu: +1 ms routed');
    expect(m2).toContain('  n_only_eu->>n_worker: +1 ms delivered (group workers, instance 0, attempt 1)');
    expect(m2).toContain('  n_worker-->>n_end: +11 ms acked (attempt 1)');
  });

  it('has only its header for an event with no hops', () => {
    expect(eventPathToMermaid(retried, retriedHops, 'nope')).toBe('sequenceDiagram\n  title Event nope\n');
  });
});

describe('flowToMermaid with the newer kinds', () => {
  const f = flowOf({
    nodes: [
      { id: 'shop', kind: 'producer', config: { eventType: 'OrderPlaced' } },
      { id: 'orders', kind: 'topic' },
      { id: 'checkout', kind: 'consumer' },
      { id: 'payment', kind: 'consumer' },
      { id: 'ledger', kind: 'event-store', config: { aggregateId: 'data.order' } },
      { id: 'status', kind: 'projection', config: { initial: '0', reducer: 'state + 1' } },
    ],
    edges: [
      { id: 'e1', source: 'shop', target: 'orders' },
      { id: 'e2', source: 'orders', target: 'checkout' },
      { id: 'c1', source: 'checkout', target: 'payment', role: 'call', call: { timeoutMs: 250 } },
      { id: 'e3', source: 'shop', target: 'ledger' },
      { id: 'e4', source: 'ledger', target: 'status' },
      { id: 'q1', source: 'status', target: 'payment', role: 'query', query: { key: 'data.order' } },
    ],
  });
  const m = flowToMermaid(f);

  it('draws a query dash-dotted, labelled with its key, in the query colour by its link index', () => {
    expect(m).toContain('  n_status -.->|"query · data.order"| n_payment');
    expect(m).toContain('  linkStyle 5 stroke:#0f766e,stroke-dasharray:8 3 2 3,color:#0f766e');
  });

  it('draws a service call dashed, labelled with its timeout, styled in the call colour by its link index', () => {
    expect(m).toContain('  n_checkout -.->|"call · timeout 250 ms"| n_payment');
    expect(m).toContain('  linkStyle 2 stroke:#4f46e5,stroke-dasharray:6 4,color:#4f46e5');
  });

  it('draws an event store and a projection in their kind shapes and colours', () => {
    expect(m).toContain('  n_ledger[("ledger<br/>by data.order")]');
    expect(m).toMatch(/ {2}n_status\[\/"status<br\/>lag \d+ ms"\/\]/);
    expect(m).toContain('  classDef event-store fill:#b45309');
    expect(m).toContain('  class n_ledger event-store');
    expect(m).toContain('  classDef projection fill:#0284c7');
  });
});
