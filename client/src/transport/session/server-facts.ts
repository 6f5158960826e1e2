import type { AppStore } from '../../store/store';
import type { Channel } from './channel';

/** The server's facts, each applied only when it is about the current run. */
export function bindServerFacts(channel: Channel, store: AppStore, restartTimeline: () => void): () => void {
  const get = () => store.getState();
  const offs = [
    channel.on('run:state', (e) => {
      const before = get().run;
      if (e.runId !== before.id) return;
      get().applyRunState(e, performance.now());
      // A reset (here or in another tab of the session) restarts the trace at seq 1 and t = 0.
      if (e.t < before.t && e.status === 'paused') restartTimeline();
    }),
    channel.on('trace:hops', (e) => {
      if (e.runId === get().run.id) get().appendHops(e.hops, e.sampled);
    }),
    channel.on('run:metrics', (e) => {
      if (e.runId === get().run.id) get().applyMetrics(e);
    }),
    // After a reconnect the server has forgotten this socket's rooms: rejoin and fetch what was missed.
    channel.onReconnect(() => {
      const { run, live } = get();
      const id = run.id;
      if (!id) return;
      void channel.send('run:resync', { runId: id, fromSeq: live.lastSeq + 1 }).then((r) => {
        if (r.ok && get().run.id === id) get().appendHops(r.value.hops, !r.value.complete);
      });
    }),
    channel.onNotice((message) => get().notify(message, 'error')),
  ];
  return () => offs.forEach((off) => off());
}
