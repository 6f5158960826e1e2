import type { ServerToClientEvents as AppStoreEvents } from '@eventflow/shared';
import { useEffect } from 'react';
import type { AppStore } from '../store/store';
import { getSocket, sendCommand, type AppSocket } from './socket';

/** Wires a socket's facts into a store; returns the unsubscribe. Separate from the hook so it can run without React. */
export function bindServerEvents(socket: AppSocket, store: AppStore): () => void {
  const now = () => performance.now();
  const state = (e: Parameters<AppStoreEvents['run:state']>[0]) => {
    const before = store.getState().run;
    store.getState().applyRunState(e, now());
    // A reset restarts the trace at seq 1 and t = 0: drop what belonged to the old timeline.
    if (before.id === e.runId && e.t < before.t && e.status === 'paused') {
      store.getState().resetTrace();
      store.getState().clearRunData();
    }
  };
  const hops = (e: Parameters<AppStoreEvents['trace:hops']>[0]) => {
    if (e.runId === store.getState().run.id) store.getState().appendHops(e.hops, e.sampled);
  };
  const metrics = (e: Parameters<AppStoreEvents['run:metrics']>[0]) => store.getState().applyMetrics(e);
  // After a reconnect the server has forgotten this socket's rooms: rejoin and fetch what was missed.
  const reconnect = () => {
    const { run, live } = store.getState();
    if (!run.id) return;
    void sendCommand(socket, 'run:resync', { runId: run.id, fromSeq: live.lastSeq + 1 }).then((r) => {
      if (r.ok) store.getState().appendHops(r.value.hops, !r.value.complete);
    });
  };
  socket.on('run:state', state);
  socket.on('trace:hops', hops);
  socket.on('run:metrics', metrics);
  socket.io.on('reconnect', reconnect);
  return () => {
    socket.off('run:state', state);
    socket.off('trace:hops', hops);
    socket.off('run:metrics', metrics);
    socket.io.off('reconnect', reconnect);
  };
}

/** Subscribes the tab's socket to the store once, for the life of the app. */
export function useServerEvents(store: AppStore): void {
  useEffect(() => bindServerEvents(getSocket(), store), [store]);
}
