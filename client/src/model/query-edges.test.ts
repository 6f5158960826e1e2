import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/store';
import { checkConnection, drawnRole } from './connection-rules';
import { fromFlowDoc, toFlowDoc } from './flow-doc';

function board() {
  const store = createAppStore();
  const s = store.getState();
  const t = s.addNode('topic', { x: 0, y: 0 });
  const v = s.addNode('projection', { x: 200, y: 0 });
  const c = s.addNode('consumer', { x: 400, y: 0 });
  return { store, t, v, c };
}

describe('query edges on the canvas (decision 0029)', () => {
  it('draws projection → consumer as a query, and topic → projection as a normal edge', () => {
    const { store, t, v, c } = board();
    const { nodes, edges } = store.getState();
    expect(drawnRole(nodes, { source: v, target: c })).toBe('query');
    expect(checkConnection(nodes, edges, { source: v, target: c })).toEqual({ ok: true });
    expect(drawnRole(nodes, { source: t, target: v })).toBe('normal');
    expect(checkConnection(nodes, edges, { source: t, target: v })).toEqual({ ok: true });
    expect(checkConnection(nodes, edges, { source: v, target: c }, 'normal')).toEqual({
      ok: false,
      reason:
        'a projection is read, not published from: make the edge a query (the consumer reads a row while it processes)',
    });
    expect(checkConnection(nodes, edges, { source: t, target: c }, 'query')).toMatchObject({ ok: false });
  });

  it('keeps the key through an edit and through the flow document', () => {
    const { store, v, c } = board();
    expect(
      store.getState().onConnect({ source: v, target: c, sourceHandle: null, targetHandle: null }),
    ).toBeNull();
    const edge = store.getState().edges[0]!;
    expect(edge.data?.role).toBe('query');
    store.getState().updateEdgeQuery(edge.id, { key: 'data.orderId' });
    const { meta, nodes, edges } = store.getState();
    const doc = toFlowDoc(meta, nodes, edges);
    expect(doc.edges[0]).toMatchObject({ role: 'query', query: { key: 'data.orderId' } });
    expect(fromFlowDoc(doc).edges[0]?.data).toEqual({ role: 'query', query: { key: 'data.orderId' } });
  });
});
