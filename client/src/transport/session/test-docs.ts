import { FlowDoc, FlowWriteReply, LessonList, type LessonEntry } from '@eventflow/shared';
import { createAppStore, type AppStore } from '../../store/store';
import { createSession, type LayoutFn, type Session } from '.';
import type { StoredFlow } from '../api';
import { createFakeChannel, type FakeChannel } from './fake-channel';
import { expect } from 'vitest';

/** producer → topic → consumer, every id prefixed so two documents share no node. */
export function chainDoc(name: string, prefix: string): FlowDoc {
  return FlowDoc.parse({
    format: 'eventflow.flow',
    version: 1,
    name,
    nodes: [
      { id: `${prefix}p`, kind: 'producer', position: { x: 0, y: 0 }, config: { eventType: 'Order' } },
      { id: `${prefix}t`, kind: 'topic', position: { x: 200, y: 0 }, config: {} },
      { id: `${prefix}c`, kind: 'consumer', position: { x: 400, y: 0 }, config: {} },
    ],
    edges: [
      { id: `${prefix}e1`, source: `${prefix}p`, target: `${prefix}t` },
      { id: `${prefix}e2`, source: `${prefix}t`, target: `${prefix}c` },
    ],
  });
}

/** The library and examples behind the REST client, in memory. */
export function createFakeApi(examples: Record<string, FlowDoc> = {}, lessons: LessonEntry[] = []) {
  const flows = new Map<string, StoredFlow>();
  let next = 0;
  const missing = (what: string) => Promise.reject(new Error(`${what} not found`));
  return {
    flows,
    listFlows: () =>
      Promise.resolve(
        [...flows.values()].map((f) => ({
          id: f.id,
          name: (f.flow as FlowDoc).name,
          revision: f.revision,
          updated: 0,
        })),
      ),
    getFlow: (id: string) => {
      const f = flows.get(id);
      return f ? Promise.resolve(f) : missing(id);
    },
    getExample: (id: string) => {
      const flow = examples[id];
      return flow ? Promise.resolve({ id, flow }) : missing(id);
    },
    createFlow: (flow: FlowDoc) => {
      const id = `flow-${++next}`;
      flows.set(id, { id, revision: 1, created: next, updated: next, flow });
      // Answers in the server's shape, checked with its schema, so the fake cannot drift from the API.
      return Promise.resolve(FlowWriteReply.parse({ id, revision: 1, problems: [] }));
    },
    updateFlow: (id: string, revision: number, flow: FlowDoc) => {
      const created = flows.get(id)?.created ?? 0;
      flows.set(id, { id, revision: revision + 1, created, updated: revision + 1, flow });
      return Promise.resolve(FlowWriteReply.parse({ id, revision: revision + 1, problems: [] }));
    },
    deleteFlow: (id: string) => {
      flows.delete(id);
      return Promise.resolve();
    },
    listLessons: () => Promise.resolve(LessonList.parse(lessons)),
  };
}

export interface Harness {
  store: AppStore;
  fake: FakeChannel;
  session: Session;
  api: ReturnType<typeof createFakeApi>;
}

/** A fresh store, fake server and session, with `doc` on screen as a saved, unmodified document. */
export function createHarness(
  doc: FlowDoc,
  examples: Record<string, FlowDoc> = {},
  layout: LayoutFn = () => Promise.resolve({}),
): Harness {
  const store = createAppStore();
  const fake = createFakeChannel();
  const api = createFakeApi(examples);
  const session = createSession({ channel: fake.channel, store, api, layout });
  store.getState().loadDoc(doc, { flowId: null, revision: null, saved: true });
  return { store, fake, session, api };
}

/** Lets every pending continuation run: the fake answers at once, the session's awaits take their turns. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Plays A and lets its run produce hops, metrics and a selected event. */
export async function playing(examples = {}) {
  const h = createHarness(chainDoc('A', 'a'), examples);
  await h.session.play();
  const runId = h.store.getState().run.id ?? '';
  h.fake.streamHops(runId, 3);
  h.fake.streamMetrics(runId);
  await h.session.selectEvent(`${runId}:e1`);
  await h.session.loadEvents(false);
  return { ...h, runId };
}

export function expectNoRun(h: Harness) {
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
