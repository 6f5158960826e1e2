import { RECORDED_MAX_HOPS, type Hop } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { selectComparison, selectNodeDelta } from '../../store/compare-selectors';
import { createAppStore } from '../../store/store';
import { createSession } from '.';
import { createFakeChannel } from './fake-channel';
import { chainDoc, createFakeApi, settle } from './test-docs';
import { looksLikeTrace } from './recorded-runs';
import type { TraceUploader } from '../recorded-upload';
import type { RecordedProgress } from '../../store/compare-slice';

const doc = chainDoc('A', 'a');
let seq = 0;
const hop = (type: Hop['type'], event: string, fields: Partial<Hop>): Hop => ({
  seq: ++seq,
  t: seq * 10,
  type,
  event,
  trace: 't',
  node: 'ap',
  ...fields,
});
/** Event `id` produced, published and, at the consumer, acked or dead-lettered. */
const journey = (id: string, end: 'acked' | 'dropped') => [
  hop('produced', id, {}),
  hop('published', id, { node: 'at', edge: 'ae1' }),
  hop('delivered', id, { node: 'ac', edge: 'ae2', group: 'ac', partition: 0, offset: 0, attempt: 1 }),
  hop(end, id, { node: 'ac', group: 'ac', partition: 0, offset: 0, attempt: 1 }),
];
const ndjson = (hops: Hop[]) => hops.map((h) => JSON.stringify(h)).join('\n');

function harness(currentTrace = '', uploader?: TraceUploader) {
  const store = createAppStore();
  const fake = createFakeChannel();
  const fetcher = () => Promise.resolve(new Response(currentTrace, { status: 200 }));
  const layout = () => Promise.resolve({});
  const session = createSession({
    channel: fake.channel,
    store,
    api: createFakeApi(),
    fetcher,
    layout,
    ...(uploader ? { uploader } : {}),
  });
  store.getState().loadDoc(doc, { flowId: null, revision: null, saved: true });
  return { store, fake, session };
}

describe('recorded runs in the session', () => {
  it('tells a trace file from a flow or replay file by its first line', () => {
    expect(looksLikeTrace(ndjson(journey('e1', 'acked')))).toBe(true);
    expect(looksLikeTrace(JSON.stringify(doc))).toBe(false);
    expect(looksLikeTrace('name: not json')).toBe(false);
  });

  it('opens a trace of the flow on screen as a run started with its hops, nothing else', async () => {
    const h = harness();
    const hops = journey('e1', 'acked');
    expect(await h.session.importText(ndjson(hops), 'a.trace.ndjson')).toBe(true);
    const [start] = h.fake.sentOf('run:start') as { recorded?: Hop[]; replay?: unknown }[];
    expect(start?.recorded).toEqual(hops);
    expect(start?.replay).toBeUndefined();
    expect(h.store.getState().run.id).not.toBeNull();
    expect(h.store.getState().dialog).toBeNull();
  });

  it('uploads a trace above the socket cap and opens it by the handle, showing progress meanwhile', async () => {
    const sent: { text: string; token: string }[] = [];
    const uploader: TraceUploader = (text, token, onProgress) => {
      sent.push({ text, token });
      onProgress(0.5);
      onProgress(1);
      return Promise.resolve({ ok: true, value: { uploadId: 'up-1', hops: 0, expiresInMs: 1 } });
    };
    const h = harness('', uploader);
    const phases: RecordedProgress['phase'][] = [];
    h.store.subscribe((s) => {
      const p = s.recordedProgress?.phase;
      if (p && phases.at(-1) !== p) phases.push(p);
    });
    const hops = Array.from({ length: RECORDED_MAX_HOPS / 4 + 1 }, (_, i) =>
      journey(`e${i}`, 'acked'),
    ).flat();
    const text = ndjson(hops);
    expect(await h.session.importText(text, 'big.ndjson')).toBe(true);
    expect(sent).toEqual([{ text, token: 'fake-token-0123456789' }]);
    const [start] = h.fake.sentOf('run:start') as { recorded?: Hop[]; recordedUpload?: string }[];
    expect(start?.recordedUpload).toBe('up-1');
    expect(start?.recorded).toBeUndefined();
    expect(phases).toEqual(['reading', 'uploading', 'opening']);
    expect(h.store.getState().recordedProgress).toBeNull();
  });

  it('shows why an upload was refused, and starts nothing', async () => {
    const uploader: TraceUploader = () =>
      Promise.resolve({
        ok: false,
        message: 'the trace cannot be read',
        problems: [{ path: 'line 7', message: 'not a hop: t: expected number', severity: 'error' }],
      });
    const h = harness('', uploader);
    const hops = Array.from({ length: RECORDED_MAX_HOPS / 4 + 1 }, (_, i) =>
      journey(`e${i}`, 'acked'),
    ).flat();
    expect(await h.session.importText(ndjson(hops), 'big.ndjson')).toBe(false);
    expect(h.fake.sentOf('run:start')).toEqual([]);
    const dialog = h.store.getState().dialog;
    expect(dialog?.type === 'import-problems' && dialog.problems.map((p) => p.path)).toEqual(['line 7']);
    expect(h.store.getState().recordedProgress).toBeNull();
  });

  it('refuses a trace of another flow, naming the nodes, and starts nothing', async () => {
    const h = harness();
    const hops = journey('e1', 'acked').map((x) => (x.node === 'ac' ? { ...x, node: 'billing' } : x));
    expect(await h.session.importText(ndjson(hops), 'other.ndjson')).toBe(false);
    expect(h.fake.sentOf('run:start')).toEqual([]);
    const dialog = h.store.getState().dialog;
    expect(dialog?.type === 'import-problems' && dialog.title).toBe(
      'This trace was not recorded with the flow on screen (other.ndjson)',
    );
    expect(dialog?.type === 'import-problems' && dialog.problems.map((p) => p.path)).toEqual([
      'nodes.billing',
    ]);
  });

  it('refuses a broken trace line by line', async () => {
    const h = harness();
    expect(await h.session.openRecordedTrace(`${ndjson(journey('e1', 'acked'))}\n{"seq": 9}`, 'x')).toBe(
      false,
    );
    const dialog = h.store.getState().dialog;
    expect(dialog?.type === 'import-problems' && dialog.problems[0]?.path).toBe('line 5');
  });

  it('compares the current run with a recorded one: node deltas and the events that ended differently', async () => {
    seq = 0;
    const before = [...journey('e1', 'dropped'), ...journey('e2', 'acked')];
    seq = 0;
    const after = [...journey('e1', 'acked'), ...journey('e2', 'acked')];
    const h = harness(ndjson(after));
    await h.session.play();
    await settle();
    expect(await h.session.compareWithRecorded(ndjson(before), 'before.ndjson')).toBe(true);
    const s = h.store.getState();
    const c = selectComparison(s);
    expect(c?.label).toBe('before.ndjson');
    expect(selectNodeDelta('ac')(s)).toEqual({ acked: 1, dropped: -1 });
    expect(c?.result.changed.map((e) => [e.id, e.before, e.after])).toEqual([
      ['e1', { ac: 'dropped' }, { ac: 'acked' }],
    ]);
    await h.session.pickChangedEvent('e1');
    expect(h.store.getState().comparison?.picked).toBe('e1');
    expect(h.store.getState().selection?.eventId).toBe('e1');
    // The recorded side steps on its own, and with "both" the current path moves along with it.
    expect(h.store.getState().comparison?.beforePath.map((x) => x.type)).toEqual([
      'produced',
      'published',
      'delivered',
      'dropped',
    ]);
    h.store.getState().setPath('e1', { hops: after.slice(0, 4), events: [], truncated: false });
    h.store.getState().setTraceIndex(0);
    h.session.stepRecordedPath(2, false);
    expect(h.store.getState().comparison?.beforeIndex).toBe(2);
    expect(h.store.getState().selection?.index).toBe(0);
    h.session.stepRecordedPath(3, true);
    expect(h.store.getState().comparison?.beforeIndex).toBe(3);
    expect(h.store.getState().selection?.index).toBe(1);
    h.session.stepRecordedPath(99, false);
    expect(h.store.getState().comparison?.beforeIndex).toBe(3);
    // A new run is not the one compared: the comparison goes with the old one.
    await h.session.stop();
    h.session.endRun();
    expect(selectComparison(h.store.getState())).toBeNull();
  });
});
