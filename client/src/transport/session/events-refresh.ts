import type { AppStore } from '../../store/store';
import { EVENTS_PAGE } from './trace-queries';

const REFRESH_MS = 1_000;

/**
 * Keeps the run's events list (and so its total) current while hops arrive: at most once a second while running,
 * and once more on every phase change, so the count is final when a run pauses or ends. A refresh asked for while
 * a page is loading is held, not dropped (`loadEvents` ignores a call then): one more load follows when that one
 * ends, else the count stayed a step behind when, say, the run ended during a load. Returns the unsubscribe.
 */
export function watchEventsRefresh(
  store: AppStore,
  loadEvents: (append: boolean) => Promise<void>,
  now: () => number = () => performance.now(),
): () => void {
  let last = 0;
  let queued = false;
  let runId = store.getState().run.id;
  const refresh = () => {
    const { events } = store.getState();
    if (events.loading) {
      queued = true;
      return;
    }
    queued = false;
    last = now();
    // With more than a page shown, keep the pages already scrolled in: a reload from the top would lose them.
    void loadEvents(events.rows.length >= EVENTS_PAGE && events.cursor !== undefined);
  };
  if (runId) refresh();
  return store.subscribe((s, prev) => {
    if (s.run.id !== runId) {
      runId = s.run.id;
      queued = false;
      if (runId) refresh();
      return;
    }
    if (!runId) return;
    if (queued && !s.events.loading) {
      refresh();
      return;
    }
    if (s.live.version === prev.live.version && s.run.phase === prev.run.phase) return;
    if (s.run.phase === 'running' && s.run.phase === prev.run.phase && now() - last < REFRESH_MS) return;
    refresh();
  });
}
