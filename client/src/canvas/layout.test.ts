import { describe, expect, it } from 'vitest';
import { fromFlowDoc } from '../model/flow-doc';
import { layoutFlow, placeableEdges } from './layout';
import { boxOf, overlappingPairs } from './node-size';
import { routeEdges } from './edge-route';
import { loadExamples } from './test-examples';

const half = fromFlowDoc({
  format: 'eventflow.flow',
  version: 1,
  name: 'half-built',
  nodes: [
    { id: 'p', kind: 'producer', config: { eventType: 'X', rate: 1, payload: '{}' } },
    { id: 't', kind: 'topic', config: { partitions: 1, latencyMs: 1, retention: {} } },
  ],
  edges: [
    { id: 'ok', source: 'p', target: 't' },
    { id: 'dangling', source: 't', target: 'ghost' },
  ],
} as Parameters<typeof fromFlowDoc>[0]);

describe('layout', () => {
  it('hands elkjs only edges whose ends are on the canvas', () => {
    expect(placeableEdges(half.nodes, half.edges).map((e) => e.id)).toEqual(['ok']);
  });

  it('lays out a graph with a dangling edge instead of throwing', async () => {
    const positions = await layoutFlow(half.nodes, half.edges);
    expect(Object.keys(positions).sort()).toEqual(['p', 't']);
    expect(positions.p?.x).toBeLessThan(positions.t?.x ?? 0);
  });

  const examples = loadExamples();
  it.each(examples.map((e) => [e.file, e] as const))(
    'lays out %s with no two node boxes intersecting, 40 px apart at least',
    async (_file, ex) => {
      const positions = await layoutFlow(ex.nodes, ex.edges);
      const boxes = ex.nodes.map((n) => boxOf(n.type, positions[n.id] ?? { x: NaN, y: NaN }));
      expect(boxes.every((b) => Number.isFinite(b.x) && Number.isFinite(b.y))).toBe(true);
      expect(overlappingPairs(boxes, 40)).toEqual([]);
    },
  );

  it('wraps the nine-node saga chain into rows that fit a laptop screen at a readable zoom', async () => {
    const saga = examples.find((e) => e.file === 'saga.flow.json');
    if (!saga) throw new Error('saga example missing');
    const positions = await layoutFlow(saga.nodes, saga.edges);
    const xs = Object.values(positions).map((p) => p.x);
    const ys = new Set(Object.values(positions).map((p) => p.y));
    expect(ys.size).toBeGreaterThan(1);
    // At zoom 0.6 the whole chain is under 1100 px wide.
    expect((Math.max(...xs) + 208 - Math.min(...xs)) * 0.6).toBeLessThan(1100);
  });

  it('routes the saga edge from the end of one row to the start of the next around every node', async () => {
    const saga = examples.find((e) => e.file === 'saga.flow.json');
    if (!saga) throw new Error('saga example missing');
    const positions = await layoutFlow(saga.nodes, saga.edges);
    const nodes = saga.nodes.map((n) => ({ ...n, position: positions[n.id] ?? n.position }));
    const routes = routeEdges(nodes, saga.edges);
    // The wrap-around edges run backwards: each one needs a route, and routes are orthogonal.
    const backwards = saga.edges.filter((e) => (positions[e.target]?.x ?? 0) < (positions[e.source]?.x ?? 0));
    expect(backwards.length).toBeGreaterThan(0);
    for (const e of backwards) {
      const pts = routes.get(e.id);
      expect(pts, e.id).toBeDefined();
      for (let i = 1; i < (pts?.length ?? 0); i += 1) {
        const a = pts?.[i - 1];
        const b = pts?.[i];
        expect(a?.x === b?.x || a?.y === b?.y).toBe(true);
      }
    }
  });
});

describe('the shipped examples', () => {
  it.each(loadExamples().map((e) => [e.file, e] as const))(
    '%s opens with no two node boxes closer than 24 px',
    (_file, ex) => {
      const boxes = ex.nodes.map((n) => boxOf(n.type, n.position));
      expect(overlappingPairs(boxes, 24)).toEqual([]);
    },
  );
});
