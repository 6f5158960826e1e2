import fc from 'fast-check';
import type { FlowDoc } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { serializeFlow } from '../../model/import-flow';
import type { AppState } from '../../store/store';
import { chainDoc, createHarness, settle, type Harness } from './test-docs';

const A = chainDoc('A', 'a');
const B = chainDoc('B', 'b');
// Shares node and edge ids with A but not its topology: old hops would still "fit" some of its nodes.
const A2: FlowDoc = {
  ...A,
  name: 'A without consumer',
  nodes: A.nodes.slice(0, 2),
  edges: A.edges.slice(0, 1),
};
const DOCS = [A, B, A2];
const EXAMPLES = { a: A, b: B, a2: A2 };

type Action =
  | { op: 'open'; doc: number }
  | { op: 'import'; doc: number }
  | { op: 'example'; id: keyof typeof EXAMPLES }
  | { op: 'new' }
  | { op: 'unsaved'; choice: 'save' | 'discard' | 'cancel' }
  | { op: 'rename' }
  | { op: 'delete-node'; pick: number }
  | { op: 'add-node' }
  | { op: 'partitions'; n: number }
  | { op: 'rate'; rate: number }
  | { op: 'undo' }
  | { op: 'redo' }
  | { op: 'play' | 'pause' | 'step' | 'step-back' | 'reset' | 'load-events' }
  | { op: 'select-event'; pick: number }
  | { op: 'hold'; on: boolean }
  | { op: 'release'; pick: number }
  | { op: 'hops' | 'metrics'; run: number; count: number }
  | { op: 'state'; run: number; status: 'running' | 'paused' | 'completed' }
  | { op: 'reconnect' };

const small = fc.nat({ max: 9 });
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ op: fc.constant('open' as const), doc: fc.nat({ max: 2 }) }),
  fc.record({ op: fc.constant('import' as const), doc: fc.nat({ max: 2 }) }),
  fc.record({
    op: fc.constant('example' as const),
    id: fc.constantFrom('a' as const, 'b' as const, 'a2' as const),
  }),
  fc.constant({ op: 'new' as const }),
  fc.record({
    op: fc.constant('unsaved' as const),
    choice: fc.constantFrom('save' as const, 'discard' as const, 'cancel' as const),
  }),
  fc.constant({ op: 'rename' as const }),
  fc.record({ op: fc.constant('delete-node' as const), pick: small }),
  fc.constant({ op: 'add-node' as const }),
  fc.record({ op: fc.constant('partitions' as const), n: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('rate' as const), rate: fc.integer({ min: 1, max: 50 }) }),
  fc.constantFrom({ op: 'undo' as const }, { op: 'redo' as const }),
  // Run controls come often enough that most sequences start several runs and switch between them.
  { arbitrary: fc.constant({ op: 'play' as const }), weight: 4 },
  { arbitrary: fc.constant({ op: 'step' as const }), weight: 2 },
  fc.constantFrom(...(['pause', 'step-back', 'reset', 'load-events'] as const).map((op) => ({ op }))),
  fc.record({ op: fc.constant('select-event' as const), pick: small }),
  fc.record({ op: fc.constant('hold' as const), on: fc.boolean() }),
  fc.record({ op: fc.constant('release' as const), pick: small }),
  {
    arbitrary: fc.record({
      op: fc.constantFrom('hops' as const, 'metrics' as const),
      run: fc.integer({ min: 1, max: 4 }),
      count: fc.integer({ min: 1, max: 4 }),
    }),
    weight: 4,
  },
  fc.record({
    op: fc.constant('state' as const),
    run: fc.integer({ min: 1, max: 6 }),
    status: fc.constantFrom('running' as const, 'paused' as const, 'completed' as const),
  }),
  fc.constant({ op: 'reconnect' as const }),
);

/** Runs one action to completion where it can; a held answer leaves its promise pending, which is the point. */
function perform(h: Harness, a: Action): void {
  const s = h.store.getState();
  const first = <T>(xs: readonly T[], i: number) => xs[i % Math.max(1, xs.length)];
  switch (a.op) {
    case 'open':
      return void h.session.openDocument(DOCS[a.doc] ?? A, { flowId: null, revision: null, saved: true });
    case 'import':
      return void h.session.importText(serializeFlow(DOCS[a.doc] ?? A), 'file.flow.json');
    case 'example':
      return void h.session.openExample(a.id);
    case 'new':
      return void h.session.newFlow();
    case 'unsaved':
      return void h.session.resolveUnsaved(a.choice);
    case 'rename':
      return s.setName(`${s.meta.name}!`);
    case 'delete-node': {
      const node = first(s.nodes, a.pick);
      if (!node) return;
      s.selectOnly({ nodes: [node.id] });
      return h.store.getState().deleteSelection();
    }
    case 'add-node':
      return void s.addNode('consumer', { x: 600, y: 200 });
    case 'partitions': {
      const topic = s.present.nodes.find((n) => n.kind === 'topic');
      if (topic?.kind === 'topic')
        s.updateConfig(topic.id, { ...topic.config, partitions: a.n }, 'partitions');
      return;
    }
    case 'rate': {
      const producer = s.present.nodes.find((n) => n.kind === 'producer');
      if (producer?.kind === 'producer')
        s.updateConfig(producer.id, { ...producer.config, rate: a.rate }, 'rate');
      return;
    }
    case 'undo':
      return s.undo();
    case 'redo':
      return s.redo();
    case 'play':
      return void h.session.play();
    case 'pause':
      return void h.session.pause();
    case 'step':
      return void h.session.step();
    case 'step-back':
      return h.session.stepBack();
    case 'reset':
      return void h.session.reset();
    case 'load-events':
      return void h.session.loadEvents(false);
    case 'select-event': {
      const hop = first(s.live.hops, a.pick);
      if (hop) void h.session.selectEvent(hop.event);
      return;
    }
    case 'hold':
      h.fake.hold = a.on;
      if (!a.on) h.fake.releaseAll();
      return;
    case 'release':
      if (h.fake.held.length) h.fake.release(a.pick % h.fake.held.length);
      return;
    case 'hops':
      return h.fake.streamHops(`run-${a.run}`, a.count);
    case 'metrics':
      return h.fake.streamMetrics(`run-${a.run}`);
    case 'state':
      return h.fake.streamState(`run-${a.run}`, a.status);
    case 'reconnect':
      return h.fake.reconnect();
  }
}

/** Everything the client shows about a run belongs to the current run and to the document on screen. */
function checkInvariant(s: AppState) {
  const nodes = new Set(s.present.nodes.map((n) => n.id));
  const current = s.run.id;
  const ofCurrent = (event: string) => current !== null && event.startsWith(`${current}:`);
  for (const hop of s.live.hops) {
    expect(ofCurrent(hop.event), `hop ${hop.event} while run ${current ?? 'none'} is current`).toBe(true);
    expect(nodes.has(hop.node), `hop at ${hop.node}, not on the canvas`).toBe(true);
  }
  for (const hop of s.selection?.path?.hops ?? []) {
    expect(ofCurrent(hop.event)).toBe(true);
    expect(nodes.has(hop.node)).toBe(true);
  }
  if (s.selection) expect(ofCurrent(s.selection.eventId)).toBe(true);
  for (const id of Object.keys(s.highlight.nodes)) expect(nodes.has(id)).toBe(true);
  for (const id of Object.keys(s.metrics?.nodes ?? {})) expect(nodes.has(id)).toBe(true);
  for (const id of Object.keys(s.history)) expect(nodes.has(id)).toBe(true);
  for (const row of s.events.rows) {
    expect(ofCurrent(row.id)).toBe(true);
    expect(nodes.has(row.node)).toBe(true);
  }
  if (s.stepCursor !== null) {
    const hop = s.live.hops[s.stepCursor];
    expect(hop && nodes.has(hop.node)).toBe(true);
  }
  if (current !== null) expect(s.run.topology).not.toBeNull();
}

describe('the client session, as a model', () => {
  it('holds only the current run, and only nodes of the document on screen, after any sequence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 40 }), async (actions) => {
        const h = createHarness(A, EXAMPLES);
        for (const a of actions) {
          perform(h, a);
          await settle();
          checkInvariant(h.store.getState());
        }
        // Whatever was still held arrives late; it must not bring an old run back either.
        h.fake.hold = false;
        h.fake.releaseAll();
        await settle();
        checkInvariant(h.store.getState());
        h.session.dispose();
      }),
      { numRuns: 300 },
    );
  });
});
