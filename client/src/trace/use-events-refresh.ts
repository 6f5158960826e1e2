import { useEffect } from 'react';
import { useSession } from '../app/use-session';
import { useAppStoreApi } from '../app/use-app-store';
import { watchEventsRefresh } from '../transport/session';

/**
 * Keeps the run's events list and its total current (`watchEventsRefresh`). It lives with the dock's tab label,
 * which is always mounted, rather than with the list: the tab's badge must count the events of a run watched with
 * another tab open, not stay at 0.
 */
export function useEventsRefresh(): void {
  const c = useSession();
  const store = useAppStoreApi();
  useEffect(() => watchEventsRefresh(store, c.loadEvents), [c, store]);
}
