import { timingSafeEqual } from 'node:crypto';
import {
  fail,
  flowRevision,
  ok,
  type Attendee,
  type FlowDoc,
  type FlowPoint,
  type FollowState,
  type Result,
  type RoomDelta,
} from '@eventflow/shared';
import { newPresenterKey, newRoomCode, type RandomBytes } from './room-code.js';
import type { Room, RoomRunLink } from './room.js';

export interface RoomStoreOptions {
  /** Monotonic wall ms. */
  now: () => number;
  random: RandomBytes;
  /** A room none of whose members has a socket connected for this long (wall ms) expires. */
  idleTtlMs: number;
  /** Live rooms on the server. */
  maxRooms: number;
  /** Live rooms one session presents at once. */
  maxRoomsPerPresenter: number;
  /** Attendees (connected or not) one room holds; the presenter is not counted. */
  maxAttendees: number;
}

export type Role = 'presenter' | 'attendee';

export interface Presence {
  change?: Change;
  listChanged: boolean;
}

/** A change to fan out: the room's new version and what changed (attendees also get `attendeeCount`). */
export interface Change {
  room: Room;
  version: number;
  delta: RoomDelta;
}

/** What the presenter changes; the socket layer has validated and resolved it (parsed flow, shared run). */
export interface PresenterChange {
  flow?: FlowDoc;
  run?: RoomRunLink | null;
  follow?: Partial<FollowState>;
  /** "Bring everyone to me": `follow.recall` grows by one. */
  recall?: true;
}

/**
 * Every live workshop room of this process, keyed by join code. Pure apart from the injected clock and
 * random source: roles, membership and the follow state live here; sockets and fan-out do not.
 */
export interface RoomStore {
  create(
    sessionId: string,
    flow: FlowDoc,
    presenterName: string,
  ): Result<{ room: Room; presenterKey: string }>;
  /** A live room (an expired one is removed on the way). */
  get(code: string): Room | undefined;
  roleOf(room: Room, sessionId: string): Role | undefined;
  /** Joins as an attendee, or resumes the session's attendee (same id, name updated). */
  join(
    code: string,
    sessionId: string,
    name: string,
  ): Result<{ attendee: Attendee; resumed: boolean; change?: Change }>;
  /** The key's holder becomes the presenter (an attendee entry of that session is dropped). */
  claim(code: string, sessionId: string, presenterKey: string): Result<{ room: Room; change?: Change }>;
  /** Presenter only; `forbidden` for anyone else, and nothing changes. */
  present(code: string, sessionId: string, change: PresenterChange): Result<Change>;
  /** Presenter only: the pointer is not versioned (it is sent volatile), only kept for snapshots. */
  point(code: string, sessionId: string, pointer: FlowPoint | null): Result<Room>;
  /** Presenter only: the room is gone from then on. */
  end(code: string, sessionId: string): Result<Room>;
  /** An attendee leaves for good (a disconnect is not a leave). */
  leave(code: string, sessionId: string): Result<Change>;
  /**
   * A socket of a member joined / left the room (connected state, idle clock). `change` when attendees must
   * hear of it (the presenter came or went); `listChanged` when the presenter's attendee list did.
   */
  attach(room: Room, sessionId: string): Presence;
  detach(room: Room, sessionId: string): Presence;
  attendees(room: Room): Attendee[];
  /** Live rooms this session is an attendee of (a lesson check is recorded in each). */
  attendedBy(sessionId: string): Room[];
  /** Removes rooms idle past the TTL and returns them (their sockets are told `expired`). */
  sweep(): Room[];
  size(): number;
}

const sameKey = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const noSuchRoom = (code: string) =>
  fail<never>('unknown-room', `no workshop has the code ${code}: check it, or the workshop has ended`);

export function createRoomStore(opts: RoomStoreOptions): RoomStore {
  const rooms = new Map<string, Room>();

  const connected = (room: Room) =>
    room.presenterSockets > 0 || [...room.members.values()].some((m) => m.sockets > 0);
  const expired = (room: Room) =>
    room.idleSince !== undefined && opts.now() - room.idleSince > opts.idleTtlMs;
  const touchIdle = (room: Room) => {
    room.idleSince = connected(room) ? undefined : (room.idleSince ?? opts.now());
  };
  const bump = (room: Room, delta: RoomDelta): Change => ({ room, version: ++room.version, delta });

  const get = (code: string) => {
    const room = rooms.get(code);
    if (room && expired(room)) {
      rooms.delete(code);
      return undefined;
    }
    return room;
  };

  const sweep = () => {
    const gone: Room[] = [];
    for (const [code, room] of rooms) {
      if (!expired(room)) continue;
      rooms.delete(code);
      gone.push(room);
    }
    return gone;
  };

  const asPresenter = (code: string, sessionId: string): Result<Room> => {
    const room = get(code);
    if (!room) return noSuchRoom(code);
    if (room.presenterSession !== sessionId)
      return fail('forbidden', `only the presenter of workshop ${code} may do that`);
    return ok(room);
  };

  return {
    create(sessionId, flow, presenterName) {
      sweep();
      const own = [...rooms.values()].filter((r) => r.presenterSession === sessionId).length;
      if (own >= opts.maxRoomsPerPresenter)
        return fail('room-limit', `you already present ${own} workshops; end one first`);
      if (rooms.size >= opts.maxRooms)
        return fail('room-limit', `the server holds its maximum of ${opts.maxRooms} workshops`);
      let code = newRoomCode(opts.random);
      while (rooms.has(code)) code = newRoomCode(opts.random);
      const presenterKey = newPresenterKey(opts.random);
      const room: Room = {
        code,
        presenterKey,
        presenterSession: sessionId,
        presenterName,
        presenterSockets: 0,
        flow,
        flowRevision: flowRevision(flow),
        follow: { selection: null, viewport: null, spotlight: null, pointer: null, recall: 0, speed: null },
        run: null,
        version: 1,
        members: new Map(),
        nextAttendee: 1,
        idleSince: opts.now(),
      };
      rooms.set(code, room);
      return ok({ room, presenterKey });
    },

    get,
    attendedBy(sessionId) {
      return [...rooms.values()].filter((room) => !expired(room) && room.members.has(sessionId));
    },
    roleOf(room, sessionId) {
      if (room.presenterSession === sessionId) return 'presenter';
      return room.members.has(sessionId) ? 'attendee' : undefined;
    },

    join(code, sessionId, name) {
      const room = get(code);
      if (!room) return noSuchRoom(code);
      if (room.presenterSession === sessionId)
        return fail('conflict', `this session presents workshop ${code}; it cannot also attend it`);
      const known = room.members.get(sessionId);
      if (known) {
        known.name = name;
        return ok({ attendee: { id: known.id, name, connected: known.sockets > 0 }, resumed: true });
      }
      if (room.members.size >= opts.maxAttendees)
        return fail('room-limit', `workshop ${code} is full (${opts.maxAttendees} attendees)`);
      const member = { id: `attendee-${room.nextAttendee++}`, sessionId, name, sockets: 0 };
      room.members.set(sessionId, member);
      const change = bump(room, { attendeeCount: room.members.size });
      return ok({ attendee: { id: member.id, name, connected: false }, resumed: false, change });
    },

    claim(code, sessionId, presenterKey) {
      const room = get(code);
      if (!room) return noSuchRoom(code);
      if (!sameKey(room.presenterKey, presenterKey))
        return fail('forbidden', `that is not the presenter key of workshop ${code}`);
      if (room.presenterSession === sessionId) return ok({ room });
      // The key is the authority: a presenter whose session expired comes back under a new one.
      const wasAttendee = room.members.delete(sessionId);
      room.presenterSession = sessionId;
      room.presenterSockets = 0;
      const change = bump(room, {
        presenterConnected: false,
        ...(wasAttendee ? { attendeeCount: room.members.size } : {}),
      });
      return ok({ room, change });
    },

    present(code, sessionId, change) {
      const found = asPresenter(code, sessionId);
      if (!found.ok) return found;
      const room = found.value;
      const delta: RoomDelta = {};
      if (change.flow) {
        room.flow = change.flow;
        room.flowRevision = flowRevision(change.flow);
        delta.flow = room.flow;
        delta.flowRevision = room.flowRevision;
      }
      if (change.run !== undefined) {
        room.run = change.run;
        // The state is looked up when the delta is sent; the link is what the room keeps.
        delta.run = change.run && { ...change.run };
      }
      if (change.follow || change.recall) {
        const recall = change.recall ? { recall: room.follow.recall + 1 } : {};
        room.follow = { ...room.follow, ...change.follow, ...recall };
        delta.follow = { ...change.follow, ...recall };
      }
      return ok(bump(room, delta));
    },

    point(code, sessionId, pointer) {
      const found = asPresenter(code, sessionId);
      if (found.ok) found.value.follow.pointer = pointer;
      return found;
    },

    end(code, sessionId) {
      const found = asPresenter(code, sessionId);
      if (found.ok) rooms.delete(code);
      return found;
    },

    leave(code, sessionId) {
      const room = get(code);
      if (!room) return noSuchRoom(code);
      if (!room.members.delete(sessionId))
        return fail('forbidden', `this session is not an attendee of workshop ${code}`);
      touchIdle(room);
      return ok(bump(room, { attendeeCount: room.members.size }));
    },

    attach(room, sessionId) {
      if (room.presenterSession === sessionId) {
        room.presenterSockets += 1;
        touchIdle(room);
        const first = room.presenterSockets === 1;
        return { listChanged: false, ...(first ? { change: bump(room, { presenterConnected: true }) } : {}) };
      }
      const member = room.members.get(sessionId);
      if (!member) return { listChanged: false };
      member.sockets += 1;
      touchIdle(room);
      return { listChanged: member.sockets === 1 };
    },

    detach(room, sessionId) {
      if (room.presenterSession === sessionId) {
        if (room.presenterSockets === 0) return { listChanged: false };
        room.presenterSockets -= 1;
        touchIdle(room);
        const last = room.presenterSockets === 0;
        return { listChanged: false, ...(last ? { change: bump(room, { presenterConnected: false }) } : {}) };
      }
      const member = room.members.get(sessionId);
      if (!member || member.sockets === 0) return { listChanged: false };
      member.sockets -= 1;
      touchIdle(room);
      return { listChanged: member.sockets === 0 };
    },

    attendees: (room) =>
      [...room.members.values()].map((m) => ({ id: m.id, name: m.name, connected: m.sockets > 0 })),
    sweep,
    size: () => rooms.size,
  };
}
