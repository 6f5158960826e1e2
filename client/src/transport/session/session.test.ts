import { describe, expect, it } from 'vitest';
import { serializeFlow } from '../../model/import-flow';
import { SESSION_HEADER } from '@eventflow/shared';
import { createSession, TOPOLOGY_CHANGED } from '.';
import { chainDoc, createHarness, settle } from './test-docs';

const A = chainDoc('A', 'a');
const B = chainDoc('B', 'b');

/** Plays A and lets its run produce hops, metrics and a selected event. */
async function playing(examples = {}) {
  const h = createHarness(A, examples);
  await h.session.play();
  const runId = h.store.getState().run.id ?? '';
  h.fake.streamHops(runId, 3);
  h.fake.streamMetrics(runId);
  await h.session.selectEvent(`${runId}:e1`);
  await h.session.loadEvents(false);
  return { ...h, runId };
}

function expectNoRun(h: Awaited<ReturnType<typeof playing>>) {
  const s = h.store.getState();
  expect(s.run).toMatchObject({ id: null, phase: 'idle', topology: null });
  expect(s.live.hops).toEqual([]);
  expect(s.selection).toBeNull();
  expect(s.highlight).toEqual({ nodes: {}, edges: {} });
  expect(s.metrics).toBeNull();
  expect(s.history).toEqual({});
  expect(s.events.rows).toEqual([]);
  expect(s.stepCursor).toBeNull();
}

describe('the session ends the run when the document is switched', () => {
  it('a run of the document on screen records what it was started with', async () => {
    const h = await playing();
    const s = h.store.getState();
    expect(s.run).toMatchObject({ id: 'run-1', phase: 'running' });
    expect(s.run.flowRevision).toBe(s.run.sentRevision);
    expect(s.live.hops.map((x) => x.node)).toEqual(['at', 'ac', 'ap']);
    expect(s.selection?.eventId).toBe('run-1:e1');
    expect(s.events.rows).toHaveLength(1);
  });

  it.each([
    ['opening an example', (h: Awaited<ReturnType<typeof playing>>) => h.session.openExample('b')],
    [
      'importing a file',
      (h: Awaited<ReturnType<typeof playing>>) => h.session.importText(serializeFlow(B), 'b.flow.json'),
    ],
    ['a new flow', (h: Awaited<ReturnType<typeof playing>>) => h.session.newFlow()],
    [
      'opening a document',
      (h: Awaited<ReturnType<typeof playing>>) =>
        h.session.openDocument(B, { flowId: null, revision: null, saved: true }),
    ],
  ])('%s stops the run and clears its trace in one go', async (_what, act) => {
    const h = await playing({ b: B });
    await act(h);
    await settle();
    expect(h.fake.sentOf('run:stop')).toEqual([{ runId: 'run-1' }]);
    expectNoRun(h);
    expect(h.store.getState().toast?.message).not.toBe(TOPOLOGY_CHANGED);
  });

  it('Play after a switch starts a fresh run of the new document', async () => {
    const h = await playing({ b: B });
    await h.session.openExample('b');
    await h.session.play();
    expect(h.fake.sentOf('run:start')).toHaveLength(2);
    expect(h.fake.runs.get('run-2')?.doc.nodes.map((n) => n.id)).toEqual(['bp', 'bt', 'bc']);
    expect(h.store.getState().run.id).toBe('run-2');
  });
});

describe('edits while a run is on screen', () => {
  it('a topology edit ends the run, says so, and Play runs the new drawing', async () => {
    const h = await playing();
    h.store.getState().selectOnly({ nodes: ['ac'] });
    h.store.getState().deleteSelection();
    await settle();
    expect(h.fake.sentOf('run:stop')).toEqual([{ runId: 'run-1' }]);
    expectNoRun(h);
    expect(h.store.getState().toast?.message).toBe(TOPOLOGY_CHANGED);
    await h.session.play();
    expect(h.fake.runs.get('run-2')?.doc.nodes.map((n) => n.id)).toEqual(['ap', 'at']);
  });

  it('changing a kind-defining field (topic partitions) is a topology edit', async () => {
    const h = await playing();
    h.store.getState().updateConfig('at', { partitions: 3, latencyMs: 1, retention: {} }, 'partitions');
    await settle();
    expect(h.store.getState().run.id).toBeNull();
    expect(h.fake.sentOf('node:update')).toEqual([]);
  });

  it('a config edit the engine applies live goes out as node:update and keeps the run', async () => {
    const h = await playing();
    const producer = h.store.getState().present.nodes.find((n) => n.id === 'ap');
    if (producer?.kind !== 'producer') throw new Error('fixture has a producer');
    h.store.getState().updateConfig('ap', { ...producer.config, rate: 7 }, 'rate');
    await settle();
    expect(h.fake.sentOf('node:update')).toEqual([
      { runId: 'run-1', nodeId: 'ap', config: expect.objectContaining({ rate: 7 }) },
    ]);
    expect(h.store.getState().run.id).toBe('run-1');
    expect(h.store.getState().live.hops).toHaveLength(3);
  });

  it('moving a node is no edit of the run at all', async () => {
    const h = await playing();
    h.store.getState().applyPositions({ ap: { x: 50, y: 50 } });
    await settle();
    expect(h.store.getState().run.id).toBe('run-1');
    expect(h.fake.sentOf('node:update')).toEqual([]);
    expect(h.fake.sentOf('run:stop')).toEqual([]);
  });
});

describe('messages and answers of runs that are not current are dropped', () => {
  it('hops, metrics and state of an earlier run change nothing', async () => {
    const h = await playing();
    h.store.getState().loadDoc(A, { flowId: null, revision: null, saved: true });
    await h.session.openDocument(B, { flowId: null, revision: null, saved: true });
    await h.session.play();
    const before = h.store.getState();
    h.fake.streamHops('run-1', 5);
    h.fake.streamMetrics('run-1');
    h.fake.streamState('run-1', 'completed');
    const after = h.store.getState();
    expect(after.live).toBe(before.live);
    expect(after.metrics).toBe(before.metrics);
    expect(after.run).toBe(before.run);
  });

  it('a late trace:get or trace:query answer of the old run is ignored', async () => {
    const h = await playing({ b: B });
    h.fake.hold = true;
    const select = h.session.selectEvent('run-1:e2');
    const query = h.session.loadEvents(false);
    h.fake.hold = false;
    await h.session.openExample('b');
    h.fake.releaseAll();
    await Promise.all([select, query]);
    expectNoRun(h);
  });

  it('a run:start ack that arrives after a switch never becomes current, and that run is stopped', async () => {
    const h = createHarness(A, { b: B });
    h.fake.hold = true;
    const play = h.session.play();
    expect(h.store.getState().run.phase).toBe('starting');
    h.fake.hold = false;
    await h.session.openExample('b');
    h.fake.releaseAll();
    await play;
    await settle();
    expect(h.store.getState().run).toMatchObject({ id: null, phase: 'idle' });
    expect(h.fake.sentOf('run:stop')).toEqual([{ runId: 'run-1' }]);
  });

  it('a reset clears the old timeline only after its ack', async () => {
    const h = await playing();
    await h.session.reset();
    const s = h.store.getState();
    expect(s.run.id).toBe('run-1');
    expect(s.live.hops).toEqual([]);
    expect(s.selection).toBeNull();
  });
});

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

describe('refusals and ids that repeat across runs', () => {
  it.each([
    ['forbidden', /another session/],
    ['no-session', /session/],
  ] as const)('a %s answer becomes a toast that says what happened', async (code, says) => {
    const h = await playing();
    h.fake.refuse = { code, message: 'not yours' };
    await h.session.pause();
    expect(h.store.getState().toast).toMatchObject({ tone: 'error', message: expect.stringMatching(says) });
  });

  it('a late trace:get of an old run is dropped even when the new run has an event with the same id', async () => {
    const h = await playing();
    h.fake.hold = true;
    const late = h.session.selectEvent('ev-1');
    h.fake.hold = false;
    await h.session.openDocument(B, { flowId: null, revision: null, saved: true });
    await h.session.play();
    h.fake.hold = true;
    const current = h.session.selectEvent('ev-1');
    h.fake.release(0); // the old run's answer, with hops at A's nodes
    await late;
    expect(h.store.getState().selection?.path).toBeNull();
    h.fake.releaseAll();
    await current;
    expect(h.store.getState().selection?.path?.hops.map((x) => x.node)).toEqual(['bt']);
  });
});

describe('trace export', () => {
  it('sends the session token in the session header', async () => {
    const h = await playing();
    const seen: { url: string; headers: unknown }[] = [];
    const fetcher: typeof fetch = (url, init) => {
      seen.push({ url: String(url), headers: init?.headers });
      return Promise.resolve(new Response('{"seq":1}\n', { status: 200 }));
    };
    const session = createSession({
      channel: h.fake.channel,
      store: h.store,
      api: h.api,
      layout: () => Promise.resolve({}),
      fetcher,
    });
    const blob = await session.exportTrace();
    expect(await blob?.text()).toBe('{"seq":1}\n');
    expect(seen).toEqual([
      { url: '/api/runs/run-1/trace.ndjson', headers: { [SESSION_HEADER]: 'fake-token-0123456789' } },
    ]);
  });
});
