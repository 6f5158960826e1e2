import {
  flowRevision,
  topologyKey,
  type FlowDoc,
  type FollowSelection,
  type RoomRun,
} from '@eventflow/shared';
import { showsPresenter } from '../../model/follow';
import { runCleared } from '../../store/run-cleared';
import type { Room } from '../../store/room-slice';
import type { AppStore } from '../../store/store';
import type { Channel } from './channel';
import type { TraceQueries } from './trace-queries';

/**
 * The attendee's canvas while it shows the presenter: the room's flow (read-only), the presenter's run
 * watched with the view key, and the presenter's selected event and hop. Driven by the store alone: whatever
 * changes the room (a join, a delta, a snapshot after a reconnect, "follow again", a recall) is applied
 * here, so there is one path from the room to the screen.
 */
export function followPresenter(channel: Channel, store: AppStore, trace: TraceQueries): () => void {
  const get = () => store.getState();
  // The presenter's run is not the attendee's: it is forgotten on screen, never stopped.
  const dropRun = () => store.setState(runCleared(get(), { keepRun: false }));

  const showFlow = (flow: FlowDoc) => {
    if (topologyKey(flow) !== topologyKey(get().present)) dropRun();
    get().loadDoc(flow, { flowId: null, revision: null, saved: true });
  };

  const watchRun = async (run: RoomRun | null) => {
    if (!run) {
      if (get().run.id) dropRun();
      return;
    }
    if (get().run.id !== run.runId) {
      dropRun();
      const doc = get().present;
      get().runStarting(null, get().run.speed, { topology: topologyKey(doc), revision: flowRevision(doc) });
      get().runStarted(run.runId, run.state?.status !== 'running', performance.now(), run.flowRevision);
      if (run.state) get().applyRunState({ runId: run.runId, ...run.state }, performance.now());
    }
    // From the first hop not held: a late joiner gets them all, a reconnect only what it missed.
    const fromSeq = get().live.lastSeq + 1;
    const r = await channel.send('run:watch', { runId: run.runId, viewKey: run.viewKey, fromSeq });
    if (get().run.id !== run.runId) return;
    if (r.ok) get().appendHops(r.value.hops, !r.value.complete);
    else get().notify(`Could not follow the presenter’s run: ${r.message}`, 'error');
  };

  const showSelection = async (sel: FollowSelection | null) => {
    if (!sel?.eventId) {
      if (get().selection) get().clearSelection();
      const at = sel?.hopSeq == null ? -1 : get().live.hops.findIndex((h) => h.seq === sel.hopSeq);
      if (get().stepCursor !== (at < 0 ? null : at)) get().setStepCursor(at < 0 ? null : at);
      return;
    }
    if (get().selection?.eventId !== sel.eventId) await trace.selectEvent(sel.eventId);
    const now = get().selection;
    if (sel.hopSeq === null || now?.eventId !== sel.eventId || !now.path) return;
    const i = now.path.hops.findIndex((h) => h.seq === sel.hopSeq);
    if (i >= 0 && i !== now.index) get().setTraceIndex(i);
  };

  const showing = (room: Room | null): room is Room & { me: NonNullable<Room['me']> } =>
    !!room?.me && !room.ended && showsPresenter(room.me.mode);

  return store.subscribe((next, prev) => {
    const room = next.room;
    const before = prev.room;
    if (!showing(room)) return;
    const entered = !showing(before) || before.code !== room.code;
    // A recall out of a sandbox: the sandbox's own run is the attendee's, so it is stopped, not leaked.
    if (entered && before?.me?.mode === 'sandbox' && prev.run.id)
      void channel.send('run:stop', { runId: prev.run.id });
    if (entered || room.flow !== before.flow) showFlow(room.flow);
    // Only the clock's rate between reports: the speed itself is the presenter's run's.
    const speed = room.follow.speed;
    if (speed !== null && speed !== next.run.speed) next.setSpeed(speed);
    if (entered || room.run !== before.run) void watchRun(room.run);
    if (
      entered ||
      room.run !== before.run ||
      room.follow.selection !== before.follow.selection ||
      next.live.lastSeq !== prev.live.lastSeq
    )
      void showSelection(room.follow.selection);
  });
}
