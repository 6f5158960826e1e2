import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/store';
import { checkConnection } from './connection-rules';

function board() {
  const store = createAppStore();
  const s = store.getState();
  const p = s.addNode('producer', { x: 0, y: 0 });
  const t = s.addNode('topic', { x: 200, y: 0 });
  const f = s.addNode('filter', { x: 400, y: 0 });
  const c = s.addNode('consumer', { x: 600, y: 0 });
  return { store, p, t, f, c };
}

describe('connection rules', () => {
  it('allows producer → topic → filter → consumer', () => {
    const { store, p, t, f, c } = board();
    const { nodes, edges } = store.getState();
    expect(checkConnection(nodes, edges, { source: p, target: t })).toEqual({ ok: true });
    expect(checkConnection(nodes, edges, { source: t, target: f })).toEqual({ ok: true });
    expect(checkConnection(nodes, edges, { source: f, target: c })).toEqual({ ok: true });
  });

  it('refuses producer → consumer and says why', () => {
    const { store, p, c } = board();
    const { nodes, edges } = store.getState();
    const check = checkConnection(nodes, edges, { source: p, target: c });
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(/producer cannot connect to a consumer/);
  });

  it('refuses self loops and a second edge between the same nodes', () => {
    const { store, p, t } = board();
    expect(checkConnection(store.getState().nodes, [], { source: p, target: p })).toEqual({
      ok: false,
      reason: 'a node cannot connect to itself',
    });
    store.getState().onConnect({ source: p, target: t, sourceHandle: null, targetHandle: null });
    const { nodes, edges } = store.getState();
    expect(checkConnection(nodes, edges, { source: p, target: t }).ok).toBe(false);
  });

  it('onConnect refuses a forbidden edge without touching the flow', () => {
    const { store, p, c } = board();
    const before = store.getState().presentJson;
    const reason = store
      .getState()
      .onConnect({ source: p, target: c, sourceHandle: null, targetHandle: null });
    expect(reason).toMatch(/publish to a topic/);
    expect(store.getState().edges).toHaveLength(0);
    expect(store.getState().presentJson).toBe(before);
  });

  it('a dead-letter role is only accepted on consumer → topic edges', () => {
    const { store, p, t, c } = board();
    const s = store.getState();
    s.onConnect({ source: p, target: t, sourceHandle: null, targetHandle: null });
    s.onConnect({ source: c, target: t, sourceHandle: null, targetHandle: null });
    const [pt, ct] = store.getState().edges;
    expect(store.getState().setEdgeRole(pt!.id, 'dead-letter')).toMatch(/consumer or a webhook to a topic/);
    expect(store.getState().setEdgeRole(ct!.id, 'dead-letter')).toBeNull();
    expect(store.getState().present.edges.find((e) => e.id === ct!.id)?.role).toBe('dead-letter');
  });

  it('an edge drawn from a webhook to a topic is its dead-letter edge, the only out-edge it may have', () => {
    const { store, t } = board();
    const w = store.getState().addNode('webhook', { x: 0, y: 300 });
    expect(
      store.getState().onConnect({ source: w, target: t, sourceHandle: null, targetHandle: null }),
    ).toBeNull();
    expect(store.getState().edges.find((e) => e.source === w)?.data?.role).toBe('dead-letter');
  });

  it('an edge drawn from a consumer to a consumer is a service call, and its settings reach the document', () => {
    const { store, c, t } = board();
    const svc = store.getState().addNode('consumer', { x: 600, y: 300 });
    expect(
      store.getState().onConnect({ source: c, target: svc, sourceHandle: null, targetHandle: null }),
    ).toBeNull();
    const edge = store.getState().edges.find((e) => e.source === c)!;
    expect(edge.data?.role).toBe('call');
    store.getState().updateEdgeCall(edge.id, { latencyMs: 5, timeoutMs: 250, failureRate: 0.1 });
    expect(store.getState().present.edges.find((e) => e.id === edge.id)).toMatchObject({
      role: 'call',
      call: { latencyMs: 5, timeoutMs: 250, failureRate: 0.1 },
    });
    // A call is only ever consumer → consumer.
    expect(checkConnection(store.getState().nodes, [], { source: c, target: t }, 'call')).toEqual({
      ok: false,
      reason: 'a service call must go from a consumer to the consumer it calls',
    });
  });

  it('two rules of a router may go to the same topic, each from its own handle', () => {
    const { store, t } = board();
    const r = store.getState().addNode('router', { x: 0, y: 300 });
    const connect = (h: string) =>
      store.getState().onConnect({ source: r, target: t, sourceHandle: h, targetHandle: null });
    expect(connect('rule-1')).toBeNull();
    expect(connect('rule-2')).toBeNull();
    expect(connect('rule-2')).toMatch(/already connected/);
    expect(
      store
        .getState()
        .edges.filter((e) => e.source === r)
        .map((e) => e.sourceHandle),
    ).toEqual(['rule-1', 'rule-2']);
  });
});
