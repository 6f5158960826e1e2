import type {
  Attendee,
  FlowDoc,
  FlowPoint,
  FollowState,
  RoomDelta,
  RoomRun,
  RoomSnapshot,
} from '@eventflow/shared';
import type { StateCreator } from 'zustand/vanilla';
import { nextFollow, showsPresenter, startFollowing, type Follow, type FollowAction } from '../model/follow';
import type { AppState } from './store';

/** The workshop this tab is in, as the room's snapshots and deltas describe it. */
export interface Room {
  role: 'presenter' | 'attendee';
  code: string;
  version: number;
  presenterName: string;
  presenterConnected: boolean;
  /** The presenter's flow: what a following attendee shows, and what a fork starts from. */
  flow: FlowDoc;
  flowRevision: string;
  follow: FollowState;
  run: RoomRun | null;
  attendeeCount: number;
  /** The presenter's list (attendees never get one). */
  attendees: Attendee[];
  /** The attendee's own follow state; null for the presenter. */
  me: (Follow & { name: string; forked: boolean }) | null;
  ended: 'ended' | 'expired' | null;
}

/** What a delta did: applied, already held (an old or repeated version), or a gap that needs `room:sync`. */
export type DeltaOutcome = 'applied' | 'stale' | 'gap';

export interface RoomSlice {
  room: Room | null;
  enterRoom: (role: Room['role'], snapshot: RoomSnapshot, name?: string) => void;
  /** A fresh snapshot of the room already held (sync, resumed join): the follow mode obeys its recall. */
  applyRoomSnapshot: (snapshot: RoomSnapshot) => void;
  applyRoomDelta: (version: number, delta: RoomDelta) => DeltaOutcome;
  setAttendees: (attendees: Attendee[]) => void;
  setPointer: (pointer: FlowPoint | null) => void;
  followAction: (action: FollowAction) => void;
  roomEnded: (reason: 'ended' | 'expired') => void;
  leaveRoom: () => void;
}

const fromSnapshot = (s: RoomSnapshot) => ({
  code: s.code,
  version: s.version,
  presenterName: s.presenterName,
  presenterConnected: s.presenterConnected,
  flow: s.flow,
  flowRevision: s.flowRevision,
  follow: s.follow,
  run: s.run,
  attendeeCount: s.attendeeCount,
});

export const createRoomSlice: StateCreator<AppState, [], [], RoomSlice> = (set, get) => {
  const patch = (change: Partial<Room>) => {
    const room = get().room;
    if (room) set({ room: { ...room, ...change } });
  };
  // Only a presenter's snapshots carry the lesson tally (it names attendees): take it when it comes.
  const takeTally = (snapshot: RoomSnapshot) => {
    if (snapshot.lessonTally) get().setLessonTally(snapshot.lessonTally);
  };
  return {
    room: null,
    enterRoom: (role, snapshot, name = '') => {
      takeTally(snapshot);
      set({
        room: {
          role,
          ...fromSnapshot(snapshot),
          attendees: [],
          me: role === 'attendee' ? { ...startFollowing(snapshot.follow.recall), name, forked: false } : null,
          ended: null,
        },
      });
    },
    applyRoomSnapshot: (snapshot) => {
      const room = get().room;
      if (!room || room.code !== snapshot.code) return;
      takeTally(snapshot);
      const me = room.me && {
        ...room.me,
        ...nextFollow(room.me, { type: 'recall', recall: snapshot.follow.recall }),
      };
      set({ room: { ...room, ...fromSnapshot(snapshot), me } });
    },
    applyRoomDelta: (version, delta) => {
      const room = get().room;
      if (!room) return 'stale';
      if (version <= room.version) return 'stale';
      if (version !== room.version + 1) return 'gap';
      const next: Room = { ...room, version, follow: { ...room.follow, ...delta.follow } };
      if (delta.flow) next.flow = delta.flow;
      if (delta.flowRevision !== undefined) next.flowRevision = delta.flowRevision;
      if (delta.run !== undefined) next.run = delta.run;
      if (delta.presenterConnected !== undefined) next.presenterConnected = delta.presenterConnected;
      if (delta.attendeeCount !== undefined) next.attendeeCount = delta.attendeeCount;
      if (next.me && delta.follow?.recall !== undefined)
        next.me = { ...next.me, ...nextFollow(next.me, { type: 'recall', recall: delta.follow.recall }) };
      set({ room: next });
      return 'applied';
    },
    setAttendees: (attendees) => patch({ attendees }),
    setPointer: (pointer) => {
      const room = get().room;
      if (room) patch({ follow: { ...room.follow, pointer } });
    },
    followAction: (action) => {
      const me = get().room?.me;
      if (!me) return;
      const forked = me.forked || action.type === 'fork';
      patch({ me: { ...me, ...nextFollow(me, action), forked } });
    },
    roomEnded: (reason) => {
      const room = get().room;
      if (!room) return;
      set({
        room: {
          ...room,
          ended: reason,
          me: room.me && { ...room.me, ...nextFollow(room.me, { type: 'ended' }) },
        },
      });
    },
    leaveRoom: () => set({ room: null }),
  };
};

/** An attendee with the presenter's flow and run on screen: the canvas is read-only and the run not theirs. */
export const selectWatchesPresenter = (s: AppState): boolean => {
  const me = s.room?.me;
  return !!me && showsPresenter(me.mode);
};
export const selectRoom = (s: AppState) => s.room;
export const selectFollowMode = (s: AppState) => s.room?.me?.mode ?? null;
