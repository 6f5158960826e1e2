import type { FlowDoc, FollowState, RoomRun, RoomRunState, RoomSnapshot } from '@eventflow/shared';

/** The presenter's run as the room keeps it; its state is read from the run service when a snapshot is built. */
export type RoomRunLink = Omit<RoomRun, 'state'>;

export interface Member {
  /** Shown to the presenter; not a secret (the session id never leaves the server). */
  id: string;
  sessionId: string;
  name: string;
  /** Sockets of this session in the room; 0 = disconnected (still a member until it leaves or the room ends). */
  sockets: number;
}

/** One workshop. Mutated only by the room store. */
export interface Room {
  code: string;
  presenterKey: string;
  /** Session that holds the presenter role: whoever last created or claimed the room with the key. */
  presenterSession: string;
  presenterName: string;
  presenterSockets: number;
  flow: FlowDoc;
  flowRevision: string;
  follow: FollowState;
  run: RoomRunLink | null;
  /** Counts every change attendees see; a delta carries the version it makes. */
  version: number;
  /** Attendees by session id, in join order. */
  members: Map<string, Member>;
  nextAttendee: number;
  /** Wall ms since no member has a socket in the room; undefined while someone is connected. */
  idleSince: number | undefined;
}

/** Where a run stands, for snapshots; undefined for a run that has not reported yet or is gone. */
export type RunStateOf = (runId: string) => RoomRunState | undefined;

export function withRunState(run: RoomRunLink | null, stateOf: RunStateOf): RoomRun | null {
  if (!run) return null;
  const state = stateOf(run.runId);
  return state ? { ...run, state } : { ...run };
}

/** What every member is sent on join, claim or sync: never the key, never other attendees' names. */
export function snapshotOf(room: Room, stateOf: RunStateOf): RoomSnapshot {
  return {
    code: room.code,
    version: room.version,
    presenterName: room.presenterName,
    presenterConnected: room.presenterSockets > 0,
    flow: room.flow,
    flowRevision: room.flowRevision,
    follow: { ...room.follow },
    run: withRunState(room.run, stateOf),
    attendeeCount: room.members.size,
  };
}
