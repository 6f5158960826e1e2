import type { EventRow, Hop, QueryReply, TraceFilter, TracePath } from '@eventflow/shared';
import type { StateCreator } from 'zustand/vanilla';
import { clampStep, EMPTY_HIGHLIGHT, pathHighlight, type PathHighlight } from '../model/path';
import type { AppState } from './store';

/** Recent hops kept for the dots, step back and the live cursor; the server keeps the whole trace. */
export const LIVE_CAP = 5_000;

export interface LiveTrace {
  hops: Hop[];
  /** The batch that arrived last, for the dots overlay to animate. */
  lastBatch: Hop[];
  lastSeq: number;
  /** Hops received in total (sampled batches leave gaps). */
  received: number;
  sampled: boolean;
  /** Bumped on every batch so subscribers can tell new data from the same array. */
  version: number;
}

export interface Selection {
  eventId: string;
  path: TracePath | null;
  /** Index into `path.hops` of the hop the step-through shows. */
  index: number;
  loading: boolean;
  error?: string;
  /** Wall ms (performance.now) the selection was made, for the highlight-latency figure. */
  requestedAt: number;
}

export interface EventsList {
  filter: TraceFilter;
  rows: EventRow[];
  total: number;
  /** Where the next page starts; absent when every matching row is loaded. */
  cursor?: string;
  /**
   * The row of the matching list `rows[0]` is (absent: 0). A jump ("go to event") loads the page around a row
   * far down the list, so the rows above it are loaded only if the user scrolls up to them.
   */
  offset?: number;
  loading: boolean;
  /** Bumped when the filter or run changes so late pages of an old query are dropped. */
  generation: number;
}

export interface TraceSlice {
  live: LiveTrace;
  /** Index into `live.hops` that Step / Step back show on the canvas; null follows the newest hop. */
  stepCursor: number | null;
  selection: Selection | null;
  highlight: PathHighlight;
  events: EventsList;
  appendHops: (hops: Hop[], sampled: boolean) => void;
  setStepCursor: (index: number | null) => void;
  selectEvent: (eventId: string, at: number) => void;
  /** `provisional`: built from the client's own hops while the server's answer is on its way. */
  setPath: (eventId: string, path: TracePath, provisional?: boolean) => void;
  setPathError: (eventId: string, message: string) => void;
  clearSelection: () => void;
  setTraceIndex: (index: number) => void;
  setEventFilter: (filter: TraceFilter) => void;
  eventsLoading: (generation: number) => void;
  setEventsPage: (generation: number, page: QueryReply, append: boolean) => void;
  /** The page just above the loaded rows (scrolling up after a jump). */
  prependEventsPage: (generation: number, page: QueryReply) => void;
}

export const emptyLive = (): LiveTrace => ({
  hops: [],
  lastBatch: [],
  lastSeq: 0,
  received: 0,
  sampled: false,
  version: 0,
});

export const createTraceSlice: StateCreator<AppState, [], [], TraceSlice> = (set, get) => ({
  live: emptyLive(),
  stepCursor: null,
  selection: null,
  highlight: EMPTY_HIGHLIGHT,
  events: { filter: {}, rows: [], total: 0, loading: false, generation: 0 },

  appendHops: (hops, sampled) => {
    if (hops.length === 0) return;
    const live = get().live;
    // Batches arrive in seq order; a reset restarts seq at 1, and anything at or below lastSeq is a repeat.
    const fresh = hops.filter((h) => h.seq > live.lastSeq);
    if (fresh.length === 0) return;
    let all = live.hops.concat(fresh);
    let cursor = get().stepCursor;
    if (all.length > LIVE_CAP) {
      const drop = all.length - LIVE_CAP;
      all = all.slice(drop);
      if (cursor !== null) cursor = Math.max(0, cursor - drop);
    }
    const last = fresh[fresh.length - 1];
    set({
      live: {
        hops: all,
        lastBatch: fresh,
        lastSeq: last ? last.seq : live.lastSeq,
        received: live.received + fresh.length,
        sampled: live.sampled || sampled,
        version: live.version + 1,
      },
      stepCursor: cursor,
    });
  },
  setStepCursor: (index) => {
    // No hops, no cursor: -1 would point at nothing and read as "a step is shown".
    const at = index === null ? -1 : clampStep(index, get().live.hops.length);
    set({ stepCursor: at < 0 ? null : at });
  },

  selectEvent: (eventId, at) =>
    set({
      selection: { eventId, path: null, index: 0, loading: true, requestedAt: at },
      highlight: EMPTY_HIGHLIGHT,
    }),
  setPath: (eventId, path, provisional = false) => {
    const sel = get().selection;
    if (sel?.eventId !== eventId) return;
    // The full path keeps the step the user is on (by seq) if they moved while it loaded.
    const onSeq = sel.path?.hops[sel.index]?.seq;
    const kept =
      onSeq === undefined
        ? 0
        : Math.max(
            0,
            path.hops.findIndex((h) => h.seq === onSeq),
          );
    set({
      selection: { ...sel, path, index: kept, loading: provisional },
      highlight: pathHighlight(path.hops),
    });
  },
  setPathError: (eventId, message) => {
    const sel = get().selection;
    if (sel?.eventId !== eventId) return;
    set({ selection: { ...sel, loading: false, error: message } });
  },
  clearSelection: () => set({ selection: null, highlight: EMPTY_HIGHLIGHT }),
  setTraceIndex: (index) => {
    const sel = get().selection;
    if (!sel?.path) return;
    set({ selection: { ...sel, index: clampStep(index, sel.path.hops.length) } });
  },

  setEventFilter: (filter) =>
    set({ events: { filter, rows: [], total: 0, loading: false, generation: get().events.generation + 1 } }),
  eventsLoading: (generation) => {
    const ev = get().events;
    if (ev.generation === generation) set({ events: { ...ev, loading: true } });
  },
  setEventsPage: (generation, page, append) => {
    const ev = get().events;
    if (ev.generation !== generation) return;
    const rows = append ? ev.rows.concat(page.events) : page.events;
    const next: EventsList = { filter: ev.filter, rows, total: page.total, loading: false, generation };
    if (page.cursor !== undefined) next.cursor = page.cursor;
    const offset = append ? (ev.offset ?? 0) : (page.offset ?? 0);
    if (offset > 0) next.offset = offset;
    set({ events: next });
  },
  prependEventsPage: (generation, page) => {
    const ev = get().events;
    if (ev.generation !== generation) return;
    // Only rows that end where the loaded ones start join them; anything else (the list moved meanwhile) is dropped.
    const at = page.offset ?? 0;
    const fits = at + page.events.length === (ev.offset ?? 0);
    const next: EventsList = { ...ev, loading: false, total: page.total };
    if (fits) {
      next.rows = page.events.concat(ev.rows);
      if (at > 0) next.offset = at;
      else delete next.offset;
    }
    set({ events: next });
  },
});

/** The hop the canvas marks as current: the selected event's step, else the live step cursor. */
export function selectCurrentHop(s: AppState): Hop | undefined {
  const sel = s.selection;
  if (sel?.path) return sel.path.hops[sel.index];
  if (s.stepCursor !== null) return s.live.hops[s.stepCursor];
  return undefined;
}
