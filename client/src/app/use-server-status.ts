import { useEffect } from 'react';
import type { AppStore } from '../store/store';
import { api } from '../transport/api';

const POLL_MS = 5000;

/** Until the live socket lands (next issue), connection status is a health check every few seconds. */
export function useServerStatus(store: AppStore): void {
  useEffect(() => {
    let live = true;
    const check = () =>
      api
        .health()
        .then(() => live && store.getState().setServer('online'))
        .catch(() => live && store.getState().setServer('offline'));
    void check();
    const timer = setInterval(check, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [store]);
}
