import {
  ErrorReply,
  SESSION_HEADER,
  TRACE_EXPORT_HEADERS,
  traceExportPath,
  type FlowEvent,
  type TraceFilter,
} from '@eventflow/shared';
import { localPath } from '../../model/path';
import type { AppStore } from '../../store/store';
import type { Channel } from './channel';

export const EVENTS_PAGE = 500;

/** Questions about the current run's trace. An answer that arrives after the run changed is dropped. */
export interface TraceQueries {
  selectEvent: (eventId: string) => Promise<void>;
  loadEvents: (append: boolean) => Promise<void>;
  setFilter: (filter: TraceFilter) => Promise<void>;
  /** The whole stored trace of the run as NDJSON (the CLI's `--trace` format), streamed from the server. */
  exportTrace: () => Promise<Blob | null>;
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
    exportTrace: async () => {
      const id = runId();
      if (!id) return null;
      const token = channel.token();
      let res: Response;
      try {
        res = await fetcher(traceExportPath(id), {
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
      if (evicted > 0)
        get().notify(
          `The export starts at hop ${res.headers.get(TRACE_EXPORT_HEADERS.firstSeq) ?? '?'}: ${evicted.toLocaleString()} older hops were evicted from the run’s store.`,
          'info',
        );
      return blob;
    },
    eventOf: (eventId) => get().selection?.path?.events.find((e) => e.id === eventId),
  };
  return queries;
}
