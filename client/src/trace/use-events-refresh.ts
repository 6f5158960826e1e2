import { useEffect } from 'react';
import { useSession } from '../app/use-session';
import { useAppStoreApi } from '../app/use-app-store';
import { EVENTS_PAGE } from '../transport/session';

const REFRESH_MS = 1_000;

/**
 * Keeps the run's events list (and so its total) current while hops arrive: at most once a second while running,
 * and once more on every phase change, so the count is final when a run pauses or ends. It lives with the dock's
 * tab label, which is always mounted, rather than with the list: the tab's badge must count the events of a run
 * watched with another tab open, not stay at 0.
 */
export function useEventsRefresh(): void {
  const c = useSession();
  const store = useAppStoreApi();
  useEffect(() => {
    let last = 0;
    let runId = store.getState().run.id;
    const refresh = () => {
      last = performance.now();
      const { events } = store.getState();
      // With more than a page shown, keep the pages already scrolled in: a reload from the top would lose them.
      void c.loadEvents(events.rows.length >= EVENTS_PAGE && events.cursor !== undefined);
    };
    if (runId) refresh();
    return store.subscribe((s, prev) => {
      if (s.run.id !== runId) {
        runId = s.run.id;
        if (runId) refresh();
        return;
      }
      if (!runId) return;
      if (s.live.version === prev.live.version && s.run.phase === prev.run.phase) return;
      if (
        s.run.phase === 'running' &&
        s.run.phase === prev.run.phase &&
        performance.now() - last < REFRESH_MS
      )
        return;
      refresh();
    });
  }, [c, store]);
}
