import { SESSION_HEADER } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { serializeFlow } from '../../model/import-flow';
import { createSession, TOPOLOGY_CHANGED } from '.';
import { chainDoc, createHarness, expectNoRun, playing, settle } from './test-docs';

const A = chainDoc('A', 'a');
const B = chainDoc('B', 'b');

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

  it('asks for OTLP/JSON on the otlp route, and says when the export holds only the newest hops', async () => {
    const h = await playing();
    const seen: string[] = [];
    const fetcher: typeof fetch = (url) => {
      seen.push(String(url));
      return Promise.resolve(
        new Response('{"resourceSpans":[]}', {
          status: 200,
          headers: { 'X-Eventflow-First-Seq': '901', 'X-Eventflow-Evicted': '0' },
        }),
      );
    };
    const session = createSession({
      channel: h.fake.channel,
      store: h.store,
      api: h.api,
      layout: () => Promise.resolve({}),
      fetcher,
    });
    const blob = await session.exportTrace('otlp');
    expect(await blob?.text()).toBe('{"resourceSpans":[]}');
    expect(seen).toEqual(['/api/runs/run-1/trace.otlp.json']);
    expect(h.store.getState().toast?.message).toBe(
      'The export starts at hop 901: an OTLP export holds the newest hops only.',
    );
  });
});

describe('the run:start ack names the document the server runs', () => {
  it('a run of another revision than the one sent is stopped at once and never shown', async () => {
    const h = createHarness(A);
    h.fake.revisionOf = 'other';
    await h.session.play();
    expect(h.fake.sentOf('run:stop')).toEqual([{ runId: 'run-1' }]);
    expect(h.store.getState().run).toMatchObject({ id: null, phase: 'idle' });
    expect(h.store.getState().toast?.message).toMatch(/different version/);
  });

  it('an older server that names no revision still runs the document sent', async () => {
    const h = createHarness(A);
    h.fake.revisionOf = 'v1';
    await h.session.play();
    expect(h.store.getState().run).toMatchObject({ id: 'run-1', phase: 'running', flowRevision: null });
  });
});

describe('config typed while a start is on its way', () => {
  it('reaches the new run as node:update once the start is answered', async () => {
    const h = createHarness(A);
    h.fake.hold = true;
    const play = h.session.play();
    const producer = h.store.getState().present.nodes.find((n) => n.id === 'ap');
    if (producer?.kind !== 'producer') throw new Error('fixture has a producer');
    h.store.getState().updateConfig('ap', { ...producer.config, rate: 9 }, 'rate');
    h.fake.hold = false;
    h.fake.releaseAll();
    await play;
    await settle();
    expect(h.fake.sentOf('node:update')).toEqual([
      { runId: 'run-1', nodeId: 'ap', config: expect.objectContaining({ rate: 9 }) },
    ]);
  });
});
