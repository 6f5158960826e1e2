import type { Hop, TracePath } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { RETRIED_THEN_ACKED } from '../model/test-hops';
import { createAppStore } from './store';
import { LIVE_CAP, selectCurrentHop } from './trace-slice';

const hop = (seq: number): Hop => ({
  seq,
  t: seq,
  type: 'produced',
  event: `e${seq}`,
  trace: 't',
  node: 'p',
});
const path: TracePath = { hops: RETRIED_THEN_ACKED, events: [], truncated: false };

describe('trace slice: live hops', () => {
  it('appends in seq order, ignores repeats and caps the ring, keeping the step cursor on the same hop', () => {
    const store = createAppStore();
    store.getState().appendHops([hop(1), hop(2)], false);
    store.getState().appendHops([hop(2), hop(3)], true);
    expect(store.getState().live.hops.map((h) => h.seq)).toEqual([1, 2, 3]);
    expect(store.getState().live).toMatchObject({ lastSeq: 3, received: 3, sampled: true, version: 2 });
    expect(store.getState().live.lastBatch.map((h) => h.seq)).toEqual([3]);

    store.getState().setStepCursor(2);
    const many = Array.from({ length: LIVE_CAP }, (_, i) => hop(i + 4));
    store.getState().appendHops(many, false);
    const s = store.getState();
    expect(s.live.hops).toHaveLength(LIVE_CAP);
    expect(s.live.hops[0]?.seq).toBe(4);
    expect(s.stepCursor).toBe(0);
  });

  it('step cursor is clamped and marks the current hop when nothing is selected', () => {
    const store = createAppStore();
    store.getState().appendHops([hop(1), hop(2)], false);
    store.getState().setStepCursor(7);
    expect(store.getState().stepCursor).toBe(1);
    expect(selectCurrentHop(store.getState())?.seq).toBe(2);
    store.getState().setStepCursor(null);
    expect(selectCurrentHop(store.getState())).toBeUndefined();
  });
});

describe('trace slice: selection', () => {
  it('highlights the path once it arrives and steps through it within bounds', () => {
    const store = createAppStore();
    store.getState().selectEvent('e1', 10);
    expect(store.getState().selection).toMatchObject({ eventId: 'e1', loading: true });
    store.getState().setPath('other', path);
    expect(store.getState().selection?.path).toBeNull();
    store.getState().setPath('e1', path);
    expect(store.getState().highlight.nodes).toMatchObject({ billing: 1, charger: 3 });
    expect(selectCurrentHop(store.getState())?.type).toBe('produced');
    store.getState().setTraceIndex(99);
    expect(store.getState().selection?.index).toBe(RETRIED_THEN_ACKED.length - 1);
    expect(selectCurrentHop(store.getState())?.node).toBe('ledger');
    store.getState().clearSelection();
    expect(store.getState().highlight).toEqual({ nodes: {}, edges: {} });
  });
});

describe('trace slice: events list', () => {
  it('drops pages of an older filter and appends pages of the current one', () => {
    const store = createAppStore();
    const row = (id: string) => ({ id, type: 'T', t: 0, node: 'p', outcomes: {} });
    const old = store.getState().events.generation;
    store.getState().setEventFilter({ outcome: 'dead-lettered' });
    const gen = store.getState().events.generation;
    expect(gen).toBe(old + 1);
    store.getState().setEventsPage(old, { events: [row('stale')], total: 1 }, false);
    expect(store.getState().events.rows).toEqual([]);
    store.getState().setEventsPage(gen, { events: [row('e1')], cursor: '5', total: 2 }, false);
    store.getState().setEventsPage(gen, { events: [row('e7')], total: 2 }, true);
    expect(store.getState().events).toMatchObject({
      total: 2,
      loading: false,
      filter: { outcome: 'dead-lettered' },
    });
    expect(store.getState().events.rows.map((r) => r.id)).toEqual(['e1', 'e7']);
    expect(store.getState().events.cursor).toBeUndefined();
  });
});

describe('trace slice: provisional path', () => {
  it('a provisional path lights up at once and the full one keeps the step the user moved to', () => {
    const store = createAppStore();
    store.getState().selectEvent('e1', 0);
    store
      .getState()
      .setPath('e1', { hops: RETRIED_THEN_ACKED.slice(0, 5), events: [], truncated: true }, true);
    expect(store.getState().selection).toMatchObject({ loading: true, index: 0 });
    expect(store.getState().highlight.nodes).toEqual({ billing: 1, charges: 2, charger: 3 });
    store.getState().setTraceIndex(3);
    store.getState().setPath('e1', path);
    expect(store.getState().selection).toMatchObject({ loading: false, index: 3 });
    expect(store.getState().highlight.nodes.ledger).toBe(5);
  });
});

describe('trace slice: a jumped-to window of the events list', () => {
  const row = (n: number) => ({ id: `e${n}`, type: 'T', t: n, node: 'p', outcomes: {} });
  const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => row(from + i));

  it('keeps the row a page starts at, joins pages above it that end where it starts, and drops others', () => {
    const store = createAppStore();
    const gen = store.getState().events.generation;
    store
      .getState()
      .setEventsPage(gen, { events: rows(101, 10), total: 500, offset: 100, cursor: '110' }, false);
    expect(store.getState().events).toMatchObject({ offset: 100, total: 500 });
    store.getState().setEventsPage(gen, { events: rows(111, 10), total: 500 }, true);
    expect(store.getState().events.offset).toBe(100);
    store.getState().prependEventsPage(gen, { events: rows(41, 10), total: 500, offset: 40 });
    expect(store.getState().events.rows[0]!.id).toBe('e101');
    store.getState().prependEventsPage(gen, { events: rows(1, 100), total: 500, offset: 0 });
    const ev = store.getState().events;
    expect(ev.offset).toBeUndefined();
    expect(ev.rows.map((r) => r.id).slice(98, 102)).toEqual(['e99', 'e100', 'e101', 'e102']);
    expect(ev.rows).toHaveLength(120);
  });
});
