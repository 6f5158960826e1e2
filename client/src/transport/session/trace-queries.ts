import {
  ErrorReply,
  SESSION_HEADER,
  TRACE_EXPORT_HEADERS,
  traceExportPath,
  traceOtlpExportPath,
  type FlowEvent,
  type TraceFilter,
} from '@eventflow/shared';
import { localPath } from '../../model/path';
import type { AppStore } from '../../store/store';
import type { Channel } from './channel';

export const EVENTS_PAGE = 500;

/** `e123`, `#123` or `123` as the event id `e123`; undefined for anything else. */
export function eventIdOfInput(text: string): string | undefined {
  const m = /^\s*(?:e|#)?([1-9][0-9]{0,14})\s*$/i.exec(text);
  return m ? `e${m[1]}` : undefined;
}

/** Two filters that select the same events: the same fields set to the same values, in any order. */
function sameFilter(a: TraceFilter, b: TraceFilter): boolean {
  const ka = Object.keys(a) as (keyof TraceFilter)[];
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

export type TraceExportFormat = 'ndjson' | 'otlp';
const EXPORT_PATHS: Record<TraceExportFormat, (runId: string) => string> = {
  ndjson: traceExportPath,
  otlp: traceOtlpExportPath,
};

/** Questions about the current run's trace. An answer that arrives after the run changed is dropped. */
export interface TraceQueries {
  selectEvent: (eventId: string) => Promise<void>;
  loadEvents: (append: boolean) => Promise<void>;
  /** Loads the page just above the loaded rows, after a jump left rows above them unloaded. */
  loadEventsBefore: () => Promise<void>;
  /**
   * Loads the page that starts at an event (`e123`, or `123` for the same event number) or, with a filter, at
   * the first matching event after it. Resolves to its row in the list, or an error text.
   */
  jumpToEvent: (
    target: string,
  ) => Promise<{ ok: true; row: number; eventId: string; shown: string } | { ok: false; message: string }>;
  setFilter: (filter: TraceFilter) => Promise<void>;
  /**
   * The stored trace of the run from the server: NDJSON (the CLI's `--trace` format, streamed, the default) or
   * OTLP/JSON for Jaeger and OpenTelemetry collectors (the CLI's `--otlp`; the newest 50,000 hops at most).
   */
  exportTrace: (format?: TraceExportFormat) => Promise<Blob | null>;
  /** The CloudEvent of a selected event, when its path has been fetched. */
  eventOf: (eventId: string) => FlowEvent | undefined;
}

export function createTraceQueries(
  channel: Channel,
  store: AppStore,
  fetcher: typeof fetch = (...a) => fetch(...a),
): TraceQueries {
  const get = () => store.getState();
  const runId = () => get().run.id;

  const queries: TraceQueries = {
    selectEvent: async (eventId) => {
      const id = runId();
      if (!id) return;
      get().selectEvent(eventId, performance.now());
      const local = localPath(get().live.hops, eventId);
      if (local.length > 0) get().setPath(eventId, { hops: local, events: [], truncated: true }, true);
      const r = await channel.send('trace:get', { runId: id, eventId });
      if (runId() !== id) return;
      if (r.ok) get().setPath(eventId, r.value);
      else get().setPathError(eventId, r.message);
    },
    loadEvents: async (append) => {
      const id = runId();
      const { events } = get();
      if (!id || events.loading || (append && events.cursor === undefined)) return;
      const generation = events.generation;
      get().eventsLoading(generation);
      // A refresh after a jump starts again at the first loaded row, wherever evictions have moved it since.
      const first = events.rows[0];
      const page =
        append && events.cursor !== undefined
          ? { cursor: events.cursor }
          : (events.offset ?? 0) > 0 && first
            ? { eventId: first.id }
            : {};
      const r = await channel.send('trace:query', {
        runId: id,
        filter: events.filter,
        limit: EVENTS_PAGE,
        ...page,
      });
      // The generation already drops pages of an older filter; the run id drops pages of an older run.
      if (runId() !== id) return;
      if (r.ok) get().setEventsPage(generation, r.value, append);
      else get().setEventsPage(generation, { events: [], total: events.total }, append);
    },
    loadEventsBefore: async () => {
      const id = runId();
      const { events } = get();
      const offset = events.offset ?? 0;
      if (!id || events.loading || offset === 0) return;
      const generation = events.generation;
      get().eventsLoading(generation);
      const row = Math.max(0, offset - EVENTS_PAGE);
      const r = await channel.send('trace:query', {
        runId: id,
        filter: events.filter,
        limit: offset - row,
        row,
      });
      if (runId() !== id) return;
      get().prependEventsPage(generation, r.ok ? r.value : { events: [], total: events.total, offset });
    },
    jumpToEvent: async (target) => {
      const id = runId();
      const eventId = eventIdOfInput(target);
      if (!id) return { ok: false, message: 'no run' };
      if (!eventId)
        return { ok: false, message: `"${target}" is not an event number or id (e.g. 1234 or e1234)` };
      const { events } = get();
      const generation = events.generation;
      get().eventsLoading(generation);
      const r = await channel.send('trace:query', {
        runId: id,
        filter: events.filter,
        limit: EVENTS_PAGE,
        eventId,
      });
      if (runId() !== id) return { ok: false, message: 'the run changed' };
      if (!r.ok) {
        get().setEventsPage(generation, { events: [], total: events.total }, false);
        return { ok: false, message: r.message };
      }
      get().setEventsPage(generation, r.value, false);
      const first = r.value.events[0];
      if (!first) return { ok: false, message: `no stored event at or after ${eventId} matches` };
      return { ok: true, row: r.value.offset ?? 0, eventId, shown: first.id };
    },
    setFilter: async (filter) => {
      // The filter bar settles on its filter each time it mounts (the Events tab shown again after a run's
      // end): that is no change, and clearing the list for it blanked the rows until the reload answered.
      if (sameFilter(filter, get().events.filter)) return;
      get().setEventFilter(filter);
      await queries.loadEvents(false);
    },
    exportTrace: async (format = 'ndjson') => {
      const id = runId();
      if (!id) return null;
      const token = channel.token();
      let res: Response;
      try {
        res = await fetcher(EXPORT_PATHS[format](id), {
          headers: token ? { [SESSION_HEADER]: token } : {},
        });
      } catch (e) {
        get().notify(`Trace export failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
        return null;
      }
      if (!res.ok) {
        const body = ErrorReply.safeParse(await res.json().catch(() => undefined));
        const why =
          (body.success && body.data.code === 'forbidden') || res.status === 403
            ? 'this run belongs to another session'
            : body.success
              ? body.data.message
              : res.statusText;
        get().notify(`Trace export failed: ${why}`, 'error');
        return null;
      }
      const blob = await res.blob();
      const evicted = Number(res.headers.get(TRACE_EXPORT_HEADERS.evicted) ?? 0);
      const firstSeq = Number(res.headers.get(TRACE_EXPORT_HEADERS.firstSeq) ?? 1);
      if (evicted > 0)
        get().notify(
          `The export starts at hop ${firstSeq}: ${evicted.toLocaleString()} older hops were evicted from the run’s store.`,
          'info',
        );
      // An OTLP export holds the newest hops only: say so when it left older, still stored ones out.
      else if (firstSeq > 1)
        get().notify(
          `The export starts at hop ${firstSeq}: an OTLP export holds the newest hops only.`,
          'info',
        );
      return blob;
    },
    eventOf: (eventId) => get().selection?.path?.events.find((e) => e.id === eventId),
  };
  return queries;
}
