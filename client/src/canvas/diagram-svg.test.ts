import { describe, expect, it } from 'vitest';
import type { FlowDoc } from '@eventflow/shared';
import { fromFlowDoc } from '../model/flow-doc';
import { diagramSvg } from './diagram-svg';
import { DIAGRAM_PALETTES } from './export-palette';
import { exportSvg } from './export-image';
import { loadExamples } from './test-examples';
import { allElements, parseXml, type XmlElement } from './test-xml';

const group = (root: XmlElement, cls: string) => {
  const g = allElements(root).find((e) => e.name === 'g' && e.attrs.class === cls);
  if (!g) throw new Error(`no <g class="${cls}">`);
  return g;
};

// Ten nodes: a producer, then topic → consumer three times, then a filter, a topic and a consumer.
const ten = fromFlowDoc({
  format: 'eventflow.flow',
  version: 1,
  name: 'ten <& "quoted">',
  nodes: [
    {
      id: 'p',
      kind: 'producer',
      label: 'Shop & "web"',
      position: { x: 0, y: 0 },
      config: { eventType: 'OrderPlaced', rate: 2, payload: '{}' },
    },
    ...[1, 2, 3].flatMap((i) => [
      {
        id: `t${i}`,
        kind: 'topic',
        position: { x: 300 * i, y: 0 },
        config: { partitions: 3, latencyMs: 5, retention: {} },
      },
      {
        id: `c${i}`,
        kind: 'consumer',
        position: { x: 300 * i, y: 220 },
        config: { instances: 2, delivery: 'at-least-once' },
      },
    ]),
    {
      id: 'f',
      kind: 'filter',
      position: { x: 1200, y: 0 },
      config: { expression: 'event.data.total > 100 && event.data.region == "EU"' },
    },
    {
      id: 't4',
      kind: 'topic',
      position: { x: 1500, y: 0 },
      config: { partitions: 1, latencyMs: 1, retention: {} },
    },
    {
      id: 'c4',
      kind: 'consumer',
      position: { x: 1800, y: 0 },
      config: { instances: 1, delivery: 'exactly-once' },
    },
  ],
  edges: [
    { id: 'e0', source: 'p', target: 't1' },
    { id: 'e1', source: 't1', target: 'c1' },
    { id: 'e2', source: 't2', target: 'c2' },
    { id: 'e3', source: 't3', target: 'c3' },
    { id: 'e4', source: 'c1', target: 't2' },
    { id: 'e5', source: 'c2', target: 't3' },
    { id: 'e6', source: 't3', target: 'f' },
    { id: 'e7', source: 'f', target: 't4' },
    { id: 'e8', source: 't4', target: 'c4' },
  ],
} as unknown as FlowDoc);

describe('diagram SVG export', () => {
  const light = { palette: DIAGRAM_PALETTES.light };

  it('is well-formed XML with one path per edge and one group per node', () => {
    const { svg } = diagramSvg(ten.nodes, ten.edges, { ...light, title: 'ten <& "quoted">' });
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    const edges = group(root, 'edges').children.filter((c) => c.name === 'path');
    expect(edges.map((e) => e.attrs['data-id'])).toEqual(ten.edges.map((e) => e.id));
    expect(edges.every((e) => e.attrs['marker-end'] === 'url(#arrow)')).toBe(true);
    const nodes = group(root, 'nodes').children;
    expect(nodes.map((n) => n.attrs['data-id'])).toEqual(ten.nodes.map((n) => n.id));
    // Each node: a card, an icon and text; no HTML inside foreignObject.
    expect(allElements(root).some((e) => e.name === 'foreignObject')).toBe(false);
    for (const n of nodes) {
      expect(n.children.filter((c) => c.name === 'rect').length).toBeGreaterThanOrEqual(2);
      expect(n.children.filter((c) => c.name === 'path')).toHaveLength(1);
      expect(n.children.filter((c) => c.name === 'text').length).toBeGreaterThanOrEqual(3);
    }
  });

  it('stays small enough to paste into a slide', () => {
    const { svg } = diagramSvg(ten.nodes, ten.edges, light);
    expect(svg.length).toBeLessThan(20_000);
  });

  it('draws each kind and each edge role in the palette colour', () => {
    const dark = DIAGRAM_PALETTES.dark;
    const withDlq = ten.edges.map((e) =>
      e.id === 'e8' ? { ...e, data: { role: 'dead-letter' as const } } : e,
    );
    const root = parseXml(diagramSvg(ten.nodes, withDlq, { palette: dark }).svg);
    const cards = group(root, 'nodes').children.map((g) => [
      g.attrs['data-kind'],
      g.children[0]?.attrs.stroke,
    ]);
    for (const [kind, stroke] of cards) expect(stroke).toBe(dark.kinds[kind as keyof typeof dark.kinds]);
    const paths = group(root, 'edges').children.filter((c) => c.name === 'path');
    expect(paths.find((p) => p.attrs['data-id'] === 'e8')?.attrs.stroke).toBe(dark.danger);
    expect(paths.find((p) => p.attrs['data-id'] === 'e0')?.attrs.stroke).toBe(dark.edge);
    expect(allElements(root).find((e) => e.name === 'rect')?.attrs.fill).toBe(dark.background);
  });

  it('prints run figures only when asked', () => {
    const m = { in: 12, out: 11, rate: 2.5 } as never;
    const clean = exportSvg(ten.nodes, ten.edges, { theme: 'light', metrics: null, title: 'x' }).svg;
    const withFigures = exportSvg(ten.nodes, ten.edges, {
      theme: 'light',
      metrics: { p: m },
      title: 'x',
    }).svg;
    expect(clean).not.toContain('in 12');
    expect(withFigures).toContain('in 12 · out 11 · 2.5/s');
  });

  it('exports every example as well-formed SVG, routing edges that would pass under a node', () => {
    for (const ex of loadExamples()) {
      const root = parseXml(diagramSvg(ex.nodes, ex.edges, light).svg);
      expect(
        group(root, 'edges').children.filter((c) => c.name === 'path'),
        ex.file,
      ).toHaveLength(ex.edges.length);
      expect(group(root, 'nodes').children, ex.file).toHaveLength(ex.nodes.length);
    }
  });
});

describe('the test XML reader', () => {
  it('refuses what a browser would refuse', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(/mismatched/);
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/duplicate/);
    expect(() => parseXml('<a>Q & A</a>')).toThrow(/entity/);
    expect(() => parseXml('<a x=1/>')).toThrow(/quoted/);
    expect(parseXml('<a k="&amp;"><b/>t</a>').children).toHaveLength(1);
  });
});

describe('diagramSvg with service calls, event stores and projections', () => {
  const byFile = (name: string) => {
    const ex = loadExamples().find((e) => e.file === name);
    if (!ex) throw new Error(`no example ${name}`);
    return ex;
  };

  it('draws each call edge dashed in the call colour, with a pill naming its timeout', () => {
    const ex = byFile('request-response-vs-events.flow.json');
    const p = DIAGRAM_PALETTES.dark;
    const { svg } = diagramSvg(ex.nodes, ex.edges, { palette: p });
    const edges = group(parseXml(svg), 'edges');
    const calls = ex.edges.filter((e) => e.data?.role === 'call');
    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) {
      const path = edges.children.find((x) => x.name === 'path' && x.attrs['data-id'] === c.id);
      expect(path?.attrs).toMatchObject({
        stroke: p.call,
        'stroke-dasharray': '6 4',
        'marker-end': 'url(#arrow-call)',
      });
    }
    expect(svg.split('>CALL 250 ms</text>')).toHaveLength(calls.length + 1);
    const plain = ex.edges.find((e) => e.data?.role === undefined)!;
    const path = edges.children.find((x) => x.attrs['data-id'] === plain.id);
    expect(path?.attrs['stroke-dasharray']).toBeUndefined();
  });

  it('draws each query edge dash-dotted in the query colour, with a pill naming its key', () => {
    const ex = byFile('stale-reads.flow.json');
    const p = DIAGRAM_PALETTES.light;
    const { svg } = diagramSvg(ex.nodes, ex.edges, { palette: p });
    const edges = group(parseXml(svg), 'edges');
    const queries = ex.edges.filter((e) => e.data?.role === 'query');
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) {
      const path = edges.children.find((x) => x.name === 'path' && x.attrs['data-id'] === q.id);
      expect(path?.attrs).toMatchObject({ stroke: p.query, 'marker-end': 'url(#arrow-query)' });
      expect(svg).toContain(`>QUERY ${q.data?.query?.key ?? 'key'}</text>`);
    }
  });

  it('draws an event store and a projection in their kind colours', () => {
    const ex = byFile('order-ledger.flow.json');
    const p = DIAGRAM_PALETTES.light;
    const root = parseXml(diagramSvg(ex.nodes, ex.edges, { palette: p }).svg);
    for (const kind of ['event-store', 'projection'] as const) {
      const g = group(root, 'nodes').children.find((x) => x.attrs['data-kind'] === kind);
      expect(g, kind).toBeDefined();
      expect(g!.children[0]!.attrs.stroke).toBe(p.kinds[kind]);
    }
  });
});
