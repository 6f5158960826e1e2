import { topologyKey } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../store/store';
import { createSession, RUN_GONE, RUN_STORAGE_KEY } from '.';
import { createFakeChannel } from './fake-channel';
import { chainDoc, createFakeApi, settle } from './test-docs';

const A = chainDoc('A', 'a');
const origin = { flowId: null, revision: null, saved: false };

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

/** A tab: its own store and session on a shared fake server and a sessionStorage that survives "reloads". */
function tab(fake: ReturnType<typeof createFakeChannel>, memory: ReturnType<typeof memoryStorage>) {
  const store = createAppStore();
  const session = createSession({
    channel: fake.channel,
    store,
    api: createFakeApi(),
    layout: () => Promise.resolve({}),
    memory,
  });
  return { store, session };
}

describe('a reload in the middle of a run', () => {
  it('remembers the current run per tab and forgets it when the run is cleared', async () => {
    const fake = createFakeChannel();
    const memory = memoryStorage();
    const t = tab(fake, memory);
    t.store.getState().loadDoc(A, { ...origin, saved: true });
    await t.session.play();
    expect(JSON.parse(memory.items.get(RUN_STORAGE_KEY) ?? '{}')).toEqual({
      runId: 'run-1',
      topology: topologyKey(t.store.getState().present),
    });
    await t.session.newFlow();
    expect(memory.items.has(RUN_STORAGE_KEY)).toBe(false);
  });

  it('puts the draft back and resumes the run with its recorded hops and the server’s state', async () => {
    const fake = createFakeChannel();
    const memory = memoryStorage();
    const before = tab(fake, memory);
    before.store.getState().loadDoc(A, origin);
    await before.session.play();
    fake.streamHops('run-1', 4);
    const draft = before.store.getState().present;

    const after = tab(fake, memory);
    expect(await after.session.resumeAfterReload({ doc: draft, origin })).toBe(true);
    fake.streamState('run-1', 'running');
    await settle();
    const s = after.store.getState();
    expect(s.present.nodes.map((n) => n.id)).toEqual(['ap', 'at', 'ac']);
    expect(s.run).toMatchObject({ id: 'run-1', phase: 'running', t: 50 });
    expect(s.live.hops.map((h) => h.seq)).toEqual([5]);
    expect(fake.sentOf('run:resync')).toEqual([{ runId: 'run-1', fromSeq: 1 }]);
    expect(s.dialog).toBeNull();
  });

  it('says so when the server no longer has the run, and leaves no run on screen', async () => {
    const fake = createFakeChannel();
    const memory = memoryStorage();
    memory.setItem(RUN_STORAGE_KEY, JSON.stringify({ runId: 'run-9', topology: topologyKey(A) }));
    const after = tab(fake, memory);
    expect(await after.session.resumeAfterReload({ doc: A, origin })).toBe(true);
    const s = after.store.getState();
    expect(s.run).toMatchObject({ id: null, phase: 'idle' });
    expect(s.toast).toEqual({ message: RUN_GONE, tone: 'error' });
    expect(memory.items.has(RUN_STORAGE_KEY)).toBe(false);
  });

  it('does not resume a run of another drawing, nor without a draft: the usual question is asked', async () => {
    const fake = createFakeChannel();
    const memory = memoryStorage();
    memory.setItem(RUN_STORAGE_KEY, JSON.stringify({ runId: 'run-1', topology: 'not-this-drawing' }));
    const after = tab(fake, memory);
    expect(await after.session.resumeAfterReload({ doc: A, origin })).toBe(false);
    expect(fake.sentOf('run:resync')).toEqual([]);
    expect(memory.items.has(RUN_STORAGE_KEY)).toBe(false);
    expect(await tab(fake, memoryStorage()).session.resumeAfterReload(null)).toBe(false);
  });
});
