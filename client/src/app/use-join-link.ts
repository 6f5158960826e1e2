import { useEffect } from 'react';
import { joinCodeIn } from '../model/join-code';
import type { AppStore } from '../store/store';

/**
 * A join link (`/?join=CODE`) opens the join dialog with its code. The code then leaves the address bar,
 * so a reload or a shared screenshot of this tab does not carry it on.
 */
export function useJoinLink(store: AppStore): void {
  useEffect(() => {
    const code = joinCodeIn(window.location.search);
    if (!code) return;
    store.getState().openDialog({ type: 'join', code });
    const url = new URL(window.location.href);
    url.searchParams.delete('join');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }, [store]);
}
