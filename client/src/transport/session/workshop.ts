import { RoomJoin, type ErrorCode, type FlowPoint, type Viewport } from '@eventflow/shared';
import { formatJoinCode } from '../../model/join-code';
import { runCleared } from '../../store/run-cleared';
import { selectWatchesPresenter } from '../../store/room-slice';
import type { AppStore } from '../../store/store';
import type { Channel } from './channel';
import type { TraceQueries } from './trace-queries';
import { followPresenter } from './workshop-follow';
import { readWorkshop, rememberWorkshop, type WorkshopMemory } from './workshop-memory';
import { presenterTools } from './workshop-presenter';

export type JoinOutcome = { ok: true } | { ok: false; code: ErrorCode; message: string };

/** Workshop mode (docs/rooms.md): what views ask of the room, as presenter or as attendee. */
export interface Workshop {
  /** Opens a room on the flow on screen; the current run (and each later one) is attached as it starts. */
  startWorkshop: (presenterName?: string) => Promise<boolean>;
  endWorkshop: () => Promise<void>;
  joinWorkshop: (code: string, name: string) => Promise<JoinOutcome>;
  /** Leaves the room (an attendee for good; anyone once it has ended); the canvas keeps what it shows. */
  leaveWorkshop: () => Promise<void>;
  bringEveryone: () => Promise<void>;
  spotlight: (nodeId: string | null) => Promise<void>;
  presenterViewport: (v: Viewport) => void;
  presenterPointer: (p: FlowPoint | null) => void;
  /** The attendee moved the view: they stop following the presenter's pan and zoom. */
  panned: () => void;
  followAgain: () => void;
  /** A copy of the presenter's flow to edit and run alone: own run, own trace, own undo history, own draft. */
  fork: () => void;
  backToPresenter: () => void;
  /** After a reload: the workshop this tab was in, taken up again; resolves to the role, or null. */
  resumeWorkshop: () => Promise<'presenter' | 'attendee' | null>;
}

/** The sentence a join form shows for a refused join: what happened and what to do. */
export function joinRefusal(code: ErrorCode, message: string, typed: string): string {
  if (code === 'unknown-room')
    return `No workshop has the code ${formatJoinCode(typed)}. Check it with the presenter: the workshop may have ended.`;
  if (code === 'rate-limited')
    return 'Too many wrong codes from this network. Wait a few seconds (one more try frees up every 2 seconds), then try again.';
  if (code === 'conflict')
    return 'This tab is the presenter of that workshop. Open the join link in another browser or a private window.';
  return message;
}

export function createWorkshop(deps: {
  channel: Channel;
  store: AppStore;
  trace: TraceQueries;
  /** Ends this tab's own run (with `run:stop`): the session's `endRun`. */
  endRun: () => void;
  memory: WorkshopMemory | null;
}): Workshop & { dispose: () => void } {
  const { channel, store, memory } = deps;
  const get = () => store.getState();
  const presenter = presenterTools(channel, store);
  const unfollow = followPresenter(channel, store, deps.trace);
  const dropRun = () => store.setState(runCleared(get(), { keepRun: false }));

  const sync = async () => {
    const room = get().room;
    if (!room) return;
    const r = await channel.send('room:sync', { code: room.code });
    if (r.ok) get().applyRoomSnapshot(r.value.snapshot);
    else if (r.code === 'unknown-room') ended('expired');
  };
  const ended = (reason: 'ended' | 'expired') => {
    if (selectWatchesPresenter(get())) dropRun();
    if (get().room?.role === 'presenter') {
      get().leaveRoom();
      get().notify(reason === 'ended' ? 'The workshop has ended.' : 'The workshop expired.');
    } else get().roomEnded(reason);
    rememberWorkshop(memory, null);
  };

  /**
   * The presenter's role back, with the attendee list: `room:claim` with the key works for the same
   * session (a reconnect) and for a new one (the old session expired), and joins the socket to the room.
   */
  const reclaim = async (code: string): Promise<boolean> => {
    const saved = readWorkshop(memory);
    if (saved?.role !== 'presenter' || saved.code !== code) return false;
    const r = await channel.send('room:claim', { code, presenterKey: saved.presenterKey });
    if (!r.ok) {
      rememberWorkshop(memory, null);
      get().notify(
        r.code === 'unknown-room'
          ? 'Your workshop has ended meanwhile.'
          : `Workshop not resumed: ${r.message}`,
        'error',
      );
      return false;
    }
    if (get().room?.code === code) get().applyRoomSnapshot(r.value.snapshot);
    else get().enterRoom('presenter', r.value.snapshot);
    get().setAttendees(r.value.attendees);
    presenter.publish();
    return true;
  };
  const rejoin = async (code: string, name: string): Promise<boolean> => {
    const r = await channel.send('room:join', { code, name });
    if (r.ok) {
      if (get().room?.code === code) get().applyRoomSnapshot(r.value.snapshot);
      else get().enterRoom('attendee', r.value.snapshot, name);
      return true;
    }
    if (get().room?.code === code) ended('expired');
    else {
      rememberWorkshop(memory, null);
      get().notify('The workshop this tab was in has ended.');
    }
    return false;
  };

  const reconnect = async () => {
    const room = get().room;
    if (!room || room.ended) return;
    if (room.role === 'attendee') await rejoin(room.code, room.me?.name ?? 'Attendee');
    else if (!(await reclaim(room.code))) ended('expired');
  };

  const offs = [
    channel.on('room:state', (e) => {
      if (e.code !== get().room?.code) return;
      if (e.kind === 'snapshot') get().applyRoomSnapshot(e.snapshot);
      else if (get().applyRoomDelta(e.version, e.delta) === 'gap') void sync();
    }),
    channel.on('room:attendees', (e) => {
      if (e.code === get().room?.code) get().setAttendees(e.attendees);
    }),
    channel.on('room:pointer-moved', (e) => {
      if (e.code === get().room?.code && get().room?.role === 'attendee') get().setPointer(e.pointer);
    }),
    channel.on('room:ended', (e) => {
      if (e.code === get().room?.code) ended(e.reason);
    }),
    channel.onReconnect(() => void reconnect()),
  ];

  const workshop: Workshop = {
    startWorkshop: async (presenterName) => {
      if (get().room && !get().room?.ended) return false;
      const name = presenterName?.trim();
      const r = await channel.send('room:create', {
        flow: get().present,
        ...(name ? { presenterName: name } : {}),
      });
      if (!r.ok) {
        const first = r.problems?.[0];
        get().notify(
          r.code === 'invalid-flow' && first
            ? `Fix the flow before starting a workshop: ${first.path} ${first.message}`
            : `The workshop could not start: ${r.message}`,
          'error',
        );
        return false;
      }
      const { code, presenterKey, snapshot } = r.value;
      rememberWorkshop(memory, { role: 'presenter', code, presenterKey });
      get().enterRoom('presenter', snapshot);
      presenter.publish();
      return true;
    },
    endWorkshop: async () => {
      const room = get().room;
      if (room?.role !== 'presenter') return;
      const r = await channel.send('room:end', { code: room.code });
      if (r.ok || r.code === 'unknown-room') ended('ended');
      else get().notify(`The workshop did not end: ${r.message}`, 'error');
    },
    joinWorkshop: async (code, name) => {
      const parsed = RoomJoin.safeParse({ code, name });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path[0] === 'name' ? 'Your name' : 'The code';
        return {
          ok: false,
          code: 'invalid-payload',
          message: `${field} ${issue?.message ?? 'is not valid'}.`,
        };
      }
      const r = await channel.send('room:join', parsed.data);
      if (!r.ok) return { ok: false, code: r.code, message: joinRefusal(r.code, r.message, code) };
      // The attendee's own run ends (it is theirs: stopped) before the presenter's takes the canvas.
      if (!selectWatchesPresenter(get())) deps.endRun();
      rememberWorkshop(memory, { role: 'attendee', code: parsed.data.code, name: parsed.data.name });
      get().enterRoom('attendee', r.value.snapshot, parsed.data.name);
      return { ok: true };
    },
    leaveWorkshop: async () => {
      const room = get().room;
      if (!room) return;
      if (selectWatchesPresenter(get())) dropRun();
      get().leaveRoom();
      rememberWorkshop(memory, null);
      if (room.role === 'attendee' && !room.ended) await channel.send('room:leave', { code: room.code });
    },
    bringEveryone: presenter.bringEveryone,
    spotlight: presenter.spotlight,
    presenterViewport: presenter.viewport,
    presenterPointer: presenter.pointer,
    panned: () => get().followAction({ type: 'pan' }),
    followAgain: () => get().followAction({ type: 'follow-again' }),
    fork: () => {
      const room = get().room;
      if (!room?.me || !selectWatchesPresenter(get())) return;
      dropRun();
      get().followAction({ type: 'fork' });
      get().loadDoc(
        { ...room.flow, name: `${room.flow.name} (my copy)` },
        {
          flowId: null,
          revision: null,
          saved: false,
        },
      );
      // The sandbox's undo history starts at the fork: nothing to undo into the presenter's edits.
      store.setState({ past: [], future: [] });
    },
    resumeWorkshop: async () => {
      const saved = readWorkshop(memory);
      if (!saved || get().room) return null;
      if (saved.role === 'attendee') return (await rejoin(saved.code, saved.name)) ? 'attendee' : null;
      return (await reclaim(saved.code)) ? 'presenter' : null;
    },
    backToPresenter: () => {
      if (get().room?.me?.mode !== 'sandbox') return;
      deps.endRun();
      get().followAction({ type: 'back' });
    },
  };
  return {
    ...workshop,
    dispose: () => {
      offs.forEach((off) => off());
      unfollow();
      presenter.dispose();
    },
  };
}
