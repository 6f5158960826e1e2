import { describe, expect, it } from 'vitest';
import { fromFlowDoc } from '../model/flow-doc';
import { layoutFlow, placeableEdges } from './layout';

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
});
