import { describe, expect, it } from 'vitest';
import { TOPOLOGY_CHANGED } from '.';
import { chainDoc, createHarness, playing, settle } from './test-docs';

const A = chainDoc('A', 'a');
const B = chainDoc('B', 'b');

describe('nothing is replaced without asking', () => {
  const dirty = () => {
    const h = createHarness(A, { b: B });
    h.store.getState().setName('A, renamed');
    return h;
  };

  it('Cancel leaves the work, its draft and the run alone', async () => {
    const h = dirty();
    await h.session.openExample('b');
    expect(h.store.getState().dialog).toEqual({ type: 'unsaved', action: 'open an example' });
    await h.session.resolveUnsaved('cancel');
    expect(h.store.getState().dialog).toBeNull();
    expect(h.store.getState().present.name).toBe('A, renamed');
  });

  it('Discard replaces, and Undo brings the replaced work back', async () => {
    const h = dirty();
    await h.session.openExample('b');
    await h.session.resolveUnsaved('discard');
    expect(h.store.getState().present.name).toBe('B');
    h.store.getState().undo();
    expect(h.store.getState().present.name).toBe('A, renamed');
    expect(h.store.getState().nodes.map((n) => n.id)).toEqual(['ap', 'at', 'ac']);
  });

  it('Save saves first, then replaces; undoing an open restores which flow Save writes to', async () => {
    const h = dirty();
    await h.session.openExample('b');
    await h.session.resolveUnsaved('save');
    expect([...h.api.flows.values()].map((f) => (f.flow as { name: string }).name)).toEqual(['A, renamed']);
    expect(h.store.getState()).toMatchObject({ flowId: null, dirty: false });
    expect(h.store.getState().present.name).toBe('B');
    h.store.getState().undo();
    expect(h.store.getState()).toMatchObject({ flowId: 'flow-1', dirty: false });
  });

  it('New asks too, and an unmodified document is replaced without a question', async () => {
    const h = dirty();
    await h.session.newFlow();
    expect(h.store.getState().dialog?.type).toBe('unsaved');
    const clean = createHarness(A);
    await clean.session.newFlow();
    expect(clean.store.getState().dialog).toBeNull();
    expect(clean.store.getState().present.nodes).toEqual([]);
  });
});

describe('imports with problems keep the current work', () => {
  const dangling = JSON.stringify({
    format: 'eventflow.flow',
    version: 1,
    name: 'dangling',
    nodes: [{ id: 't', kind: 'topic', config: {} }],
    edges: [{ id: 'e', source: 't', target: 'ghost' }],
  });

  it('lists the problems, and Cancel changes nothing', async () => {
    const h = await playing();
    expect(await h.session.importText(dangling, 'bad.flow.json')).toBe(false);
    const dialog = h.store.getState().dialog;
    expect(dialog).toMatchObject({ type: 'import-problems', openable: true });
    expect(dialog?.type === 'import-problems' && dialog.problems).toContainEqual(
      expect.objectContaining({ path: 'edges[0].target', message: "no node 'ghost'" }),
    );
    h.store.getState().closeDialog();
    expect(h.store.getState().present.name).toBe('A');
    expect(h.store.getState().run.id).toBe('run-1');
  });

  it('Open anyway loads it with its problems shown, and layout never sees the dangling edge', async () => {
    const h = await playing();
    await h.session.importText(dangling, 'bad.flow.json');
    await h.session.openAnyway();
    const s = h.store.getState();
    expect(s.present.name).toBe('dangling');
    expect(s.validation.problems.map((p) => p.path)).toContain('edges[0].target');
    expect(s.run.id).toBeNull();
  });

  it('a file that misses the schema cannot be opened anyway', async () => {
    const h = createHarness(A);
    await h.session.importText('{"format":"eventflow.flow","version":1,"name":"","nodes":[]}', 'x.json');
    expect(h.store.getState().dialog).toMatchObject({ type: 'import-problems', openable: false });
    await h.session.openAnyway();
    expect(h.store.getState().present.name).toBe('A');
  });
});

describe('pasting flow JSON', () => {
  it('pastes a copied fragment even though it is half-built, and that edit ends the run', async () => {
    const h = await playing();
    const fragment = JSON.stringify({
      format: 'eventflow.flow',
      version: 1,
      name: 'clip',
      nodes: [{ id: 'f', kind: 'filter', config: { expression: 'true' } }],
      edges: [],
    });
    expect(h.session.pasteText(fragment, { x: 40, y: 40 })).toBe(true);
    await settle();
    expect(h.store.getState().present.nodes.map((n) => n.id)).toEqual(['ap', 'at', 'ac', 'f']);
    expect(h.store.getState().run.id).toBeNull();
    expect(h.store.getState().toast?.message).toBe(TOPOLOGY_CHANGED);
  });

  it('lists the problems of text that is not a flow and pastes nothing', () => {
    const h = createHarness(A);
    expect(h.session.pasteText('{ "nodes": 3 }', { x: 0, y: 0 })).toBe(false);
    expect(h.store.getState().dialog).toMatchObject({ type: 'import-problems', openable: false });
    expect(h.store.getState().present.nodes).toHaveLength(3);
  });
});

describe('a document without positions', () => {
  it('is laid out as part of its load: one Undo brings the previous work back', async () => {
    const layout = (nodes: readonly { id: string }[]) =>
      Promise.resolve(Object.fromEntries(nodes.map((n, i) => [n.id, { x: i * 300, y: 0 }])));
    const h = createHarness(A, {}, layout);
    const unplaced = { ...B, nodes: B.nodes.map(({ position: _p, ...n }) => n) };
    await h.session.importText(JSON.stringify(unplaced), 'b.flow.json');
    expect(h.store.getState().present.nodes.map((n) => n.position)).toEqual([
      { x: 0, y: 0 },
      { x: 300, y: 0 },
      { x: 600, y: 0 },
    ]);
    h.store.getState().undo();
    expect(h.store.getState().present.name).toBe('A');
  });

  it('a layout that fails is a toast, and the flow stays on its grid', async () => {
    const h = createHarness(A, {}, () => Promise.reject(new Error('Referenced shape does not exist: ghost')));
    const unplaced = { ...B, nodes: B.nodes.map(({ position: _p, ...n }) => n) };
    await h.session.importText(JSON.stringify(unplaced), 'b.flow.json');
    expect(h.store.getState().present.name).toBe('B');
    expect(h.store.getState().toast).toMatchObject({
      tone: 'error',
      message: expect.stringMatching(/ghost/),
    });
  });
});
