import { useEffect } from 'react';
import { useAppStoreApi } from '../../app/use-app-store';
import { useSession } from '../../app/use-session';

/** While running, the console is read at most this often; stepping or pausing reads it at once. */
const RUNNING_REFRESH_MS = 500;

/**
 * Keeps the open console current: reads the topic again when the run moves (new hops, a phase change),
 * when another run starts, or when the console switches topic or partition.
 */
export function useConsoleRefresh(): void {
  const session = useSession();
  const store = useAppStoreApi();
  useEffect(() => {
    let last = 0;
    let timer = 0;
    const refresh = () => {
      window.clearTimeout(timer);
      timer = 0;
      last = performance.now();
      void session.refreshConsole();
    };
    refresh();
    const unsubscribe = store.subscribe((s, prev) => {
      const moved =
        s.live.version !== prev.live.version ||
        s.run.phase !== prev.run.phase ||
        s.run.id !== prev.run.id ||
        s.topicConsole?.nodeId !== prev.topicConsole?.nodeId;
      if (!moved || !s.topicConsole) return;
      const wait = RUNNING_REFRESH_MS - (performance.now() - last);
      if (s.run.phase !== 'running' || wait <= 0) refresh();
      // The last batch of a burst still gets read, just a little later.
      else if (!timer) timer = window.setTimeout(refresh, wait);
    });
    return () => {
      window.clearTimeout(timer);
      unsubscribe();
    };
  }, [session, store]);
}
