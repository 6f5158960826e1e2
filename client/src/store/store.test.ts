import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';

const connect = (s: ReturnType<typeof createAppStore>, source: string, target: string) =>
  s.getState().onConnect({ source, target, sourceHandle: null, targetHandle: null });

describe('flow store', () => {
  it('addNode gives readable unique ids, labels, schema defaults, and selects the new node only', () => {
    const store = createAppStore();
    const a = store.getState().addNode('topic', { x: 0, y: 0 });
    const b = store.getState().addNode('topic', { x: 10, y: 0 });
    expect([a, b]).toEqual(['topic-1', 'topic-2']);
    const [first, second] = store.getState().nodes;
    expect(second?.data.label).toBe('Topic 2');
    expect(second?.data.config).toEqual({ partitions: 1, latencyMs: 1, retention: {} });
    expect([first?.selected, second?.selected]).toEqual([false, true]);
  });

  it('deleteSelection removes selected nodes with their edges in one undo step', () => {
    const store = createAppStore();
    const p = store.getState().addNode('producer', { x: 0, y: 0 });
    const t = store.getState().addNode('topic', { x: 0, y: 0 });
    connect(store, p, t);
    store.getState().selectOnly({ nodes: [t] });
    store.getState().deleteSelection();
    expect(store.getState().nodes.map((n) => n.id)).toEqual([p]);
    expect(store.getState().edges).toHaveLength(0);
    store.getState().undo();
    expect(store.getState().nodes.map((n) => n.id)).toEqual([p, t]);
    expect(store.getState().edges).toHaveLength(1);
  });

  it('duplicate copies the selection with fresh ids, inner edges and an offset', () => {
    const store = createAppStore();
    const p = store.getState().addNode('producer', { x: 0, y: 0 });
    const t = store.getState().addNode('topic', { x: 200, y: 0 });
    connect(store, p, t);
    store.getState().selectAll();
    store.getState().duplicateSelection();
    const s = store.getState();
    expect(s.nodes.map((n) => n.id)).toEqual([p, t, `${p}-2`, `${t}-2`]);
    expect(s.nodes.find((n) => n.id === `${t}-2`)?.position).toEqual({ x: 240, y: 40 });
    expect(s.edges.map((e) => [e.source, e.target])).toContainEqual([`${p}-2`, `${t}-2`]);
    expect(s.nodes.filter((n) => n.selected).map((n) => n.id)).toEqual([`${p}-2`, `${t}-2`]);
  });

  it('paste of a copied selection into another store keeps ids that are free', () => {
    const a = createAppStore();
    a.getState().addNode('filter', { x: 5, y: 5 });
    const clip = a.getState().selectionAsDoc();
    const b = createAppStore();
    b.getState().pasteDoc(clip!, { x: 0, y: 0 });
    expect(b.getState().present.nodes).toEqual(a.getState().present.nodes);
  });

  it('updateConfig revalidates: an invalid value shows a problem on that node and field, fixing it clears it', () => {
    const store = createAppStore();
    const t = store.getState().addNode('topic', { x: 0, y: 0 });
    const config = store.getState().nodes[0]!.data.config;
    store.getState().updateConfig(t, { ...config, partitions: 0 }, 'partitions');
    const onField = () => store.getState().validation.problems.filter((p) => p.field === 'config.partitions');
    expect(onField()[0]).toMatchObject({ nodeId: t, severity: 'error' });
    expect(store.getState().validation.byNode[t]).toBe('error');
    store.getState().updateConfig(t, { ...config, partitions: 4 }, 'partitions');
    expect(onField()).toEqual([]);
    expect(store.getState().validation.byNode[t]).not.toBe('error');
  });

  it('setEventSchema edits the registry: its payload check shows on the producer, undo restores it', () => {
    const store = createAppStore();
    const p = store.getState().addNode('producer', { x: 0, y: 0 });
    const schema = { type: 'object' as const, required: ['total'] };
    store
      .getState()
      .setEventSchema('OrderPlaced', { eventType: 'OrderPlaced', versions: [{ version: 1, schema }] });
    expect(store.getState().meta.schemas).toEqual([
      { eventType: 'OrderPlaced', versions: [{ version: 1, schema }] },
    ]);
    // The starter producer builds {"seq": seq}, which lacks the required total.
    expect(
      store.getState().validation.problems.find((x) => x.nodeId === p && x.field === 'config.payload'),
    ).toMatchObject({
      field: 'config.payload',
      severity: 'error',
      message: expect.stringContaining('data.total is required'),
    });
    store.getState().undo();
    expect(store.getState().meta.schemas).toBeUndefined();
    expect(store.getState().validation.problems.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('tracks unsaved changes against the last save', () => {
    const store = createAppStore();
    expect(store.getState().dirty).toBe(false);
    store.getState().addNode('producer', { x: 0, y: 0 });
    expect(store.getState().dirty).toBe(true);
    store.getState().markSaved('f1', 1);
    expect(store.getState().dirty).toBe(false);
    store.getState().setName('Renamed');
    expect(store.getState().dirty).toBe(true);
    store.getState().undo();
    expect(store.getState().dirty).toBe(false);
  });
});

describe('undo / redo', () => {
  it('undoes and redoes a sequence of edits in order', () => {
    const store = createAppStore();
    const s = () => store.getState();
    const p = s().addNode('producer', { x: 0, y: 0 });
    const t = s().addNode('topic', { x: 200, y: 0 });
    connect(store, p, t);
    s().updateLabel(t, 'Orders');
    const final = s().presentJson;
    s().undo();
    expect(s().nodes[1]?.data.label).toBe('Topic 1');
    s().undo();
    expect(s().edges).toHaveLength(0);
    s().undo();
    expect(s().nodes).toHaveLength(1);
    s().undo();
    expect(s().nodes).toHaveLength(0);
    s().undo(); // nothing left: a no-op
    expect(s().future).toHaveLength(4);
    for (let i = 0; i < 4; i += 1) s().redo();
    expect(s().presentJson).toBe(final);
    expect(s().nodes[1]?.ariaLabel).toBe('Orders');
  });

  it('a drag is one step: moves while dragging are not recorded, the drop is', () => {
    const store = createAppStore();
    const p = store.getState().addNode('producer', { x: 0, y: 0 });
    const steps = store.getState().past.length;
    for (let x = 1; x <= 20; x += 1) {
      store.getState().onNodesChange([{ type: 'position', id: p, position: { x, y: x }, dragging: true }]);
    }
    expect(store.getState().past.length).toBe(steps);
    store
      .getState()
      .onNodesChange([{ type: 'position', id: p, position: { x: 20, y: 20 }, dragging: false }]);
    expect(store.getState().past.length).toBe(steps + 1);
    store.getState().undo();
    expect(store.getState().nodes[0]?.position).toEqual({ x: 0, y: 0 });
  });

  it('typing in one field coalesces into one step; another field starts a new one', () => {
    const store = createAppStore();
    const p = store.getState().addNode('producer', { x: 0, y: 0 });
    const base = store.getState().nodes[0]!.data.config;
    for (const eventType of ['O', 'Or', 'Ord'])
      store.getState().updateConfig(p, { ...base, eventType }, 'eventType');
    store.getState().updateConfig(p, { ...base, eventType: 'Ord', rate: 9 }, 'rate');
    store.getState().undo();
    expect(store.getState().present.nodes[0]?.config).toMatchObject({ eventType: 'Ord', rate: 1 });
    store.getState().undo();
    expect(store.getState().present.nodes[0]?.config).toMatchObject({ eventType: 'OrderPlaced' });
  });

  it('a new edit after undo drops the redo stack', () => {
    const store = createAppStore();
    store.getState().addNode('producer', { x: 0, y: 0 });
    store.getState().undo();
    expect(store.getState().future).toHaveLength(1);
    store.getState().addNode('topic', { x: 0, y: 0 });
    expect(store.getState().future).toHaveLength(0);
  });

  it('selection changes are not edits', () => {
    const store = createAppStore();
    const p = store.getState().addNode('producer', { x: 0, y: 0 });
    const steps = store.getState().past.length;
    store.getState().onNodesChange([{ type: 'select', id: p, selected: false }]);
    store.getState().selectAll();
    expect(store.getState().past.length).toBe(steps);
  });
});

describe('config edits', () => {
  it('store valid configs in schema key order, so export → import is byte-identical', () => {
    const store = createAppStore();
    const c = store.getState().addNode('consumer', { x: 0, y: 0 });
    const { instances: _i, ...rest } = store.getState().nodes[0]!.data.config as Record<string, unknown>;
    store.getState().updateConfig(c, { ...rest, instances: 4 } as never, 'instances');
    const keys = Object.keys(store.getState().present.nodes[0]!.config);
    expect(keys.indexOf('instances')).toBeLessThan(keys.indexOf('delivery'));
  });
});
