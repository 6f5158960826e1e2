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

export type TraceExportFormat = 'ndjson' | 'otlp';
const EXPORT_PATHS: Record<TraceExportFormat, (runId: string) => string> = {
  ndjson: traceExportPath,
  otlp: traceOtlpExportPath,
};

/** Questions about the current run's trace. An answer that arrives after the run changed is dropped. */
export interface TraceQueries {
  selectEvent: (eventId: string) => Promise<void>;
  loadEvents: (append: boolean) => Promise<void>;
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
      const page = append && events.cursor !== undefined ? { cursor: events.cursor } : {};
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
    setFilter: async (filter) => {
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
