import {
  fail,
  ok,
  parseFlow,
  type CommandParsed,
  type Result,
  type RoomCommandName,
  type RoomDelta,
  type RoomRunState,
} from '@eventflow/shared';
import type { RunService } from '../../runs/run-api.js';
import type { JoinLimiter } from '../../rooms/join-limiter.js';
import type { LessonTallies } from '../../rooms/lesson-tally.js';
import { snapshotOf, withRunState, type Room, type RoomRunLink } from '../../rooms/room.js';
import type { Change, PresenterChange, RoomStore } from '../../rooms/room-store.js';
import type { Handler } from './command-table.js';
import type { RunAccess } from './run-access.js';
import type { AppServer } from './run-handlers.js';
import type { Session } from './sessions.js';
import type { AppSocket } from './socket-commands.js';

/**
 * What the room handlers need of the connection they serve: its socket here, or a socket on another server
 * process reached through the adapter (cluster/forwarded.ts), whose commands this process answers.
 */
export interface RoomPeer {
  join(channel: string): void;
  leave(channel: string): void;
  /** Everyone in the channel but this peer. */
  others(channel: string): ReturnType<AppSocket['to']>;
}

export const localPeer = (socket: AppSocket): RoomPeer => ({
  join: (channel) => void socket.join(channel),
  leave: (channel) => void socket.leave(channel),
  others: (channel) => socket.to(channel),
});

export interface RoomDeps {
  rooms: RoomStore;
  joins: JoinLimiter;
  runs: Pick<RunService, 'lastState'>;
  access: Pick<RunAccess, 'check' | 'share' | 'flowRevision'>;
  /** Lesson results per room: the presenter's snapshots carry the tally. */
  tallies?: LessonTallies;
}

/** One handler per room command of the protocol table (`table/room-commands.ts`). */
export type RoomHandlers = { [C in RoomCommandName]: Handler<C> };

/** Every member's sockets are in the first; the presenter's also in the second (the attendee list). */
export const roomChannel = (code: string) => `workshop:${code}`;
export const presenterChannel = (code: string) => `workshop:${code}:presenter`;

/** Room fan-out shared by every connection: deltas, the presenter's list, endings. */
export interface RoomBroadcast {
  stateOf(runId: string): RoomRunState | undefined;
  change(change: Change | undefined): void;
  attendees(room: Room): void;
  ended(room: Room, reason: 'ended' | 'expired'): void;
  /** Takes every socket of the channel's presenters out of it (a claim moved the role). */
  dropPresenters(code: string): void;
}

export function createRoomBroadcast(io: AppServer, deps: RoomDeps): RoomBroadcast {
  const stateOf = (runId: string): RoomRunState | undefined => {
    const s = deps.runs.lastState(runId);
    return s && { status: s.status, t: s.t, ...(s.reason === undefined ? {} : { reason: s.reason }) };
  };
  return {
    stateOf,
    change(change) {
      if (!change) return;
      const { room, version, delta } = change;
      // The run's state is read now, so a late `run:watch` and the delta agree on where the run stood.
      const sent: RoomDelta =
        delta.run === undefined ? delta : { ...delta, run: withRunState(delta.run, stateOf) };
      io.to(roomChannel(room.code)).emit('room:state', {
        code: room.code,
        version,
        kind: 'delta',
        delta: sent,
      });
    },
    attendees(room) {
      io.to(presenterChannel(room.code)).emit('room:attendees', {
        code: room.code,
        attendees: deps.rooms.attendees(room),
      });
    },
    ended(room, reason) {
      io.to(roomChannel(room.code)).emit('room:ended', { code: room.code, reason });
      io.in(roomChannel(room.code)).socketsLeave([roomChannel(room.code), presenterChannel(room.code)]);
    },
    dropPresenters(code) {
      io.in(presenterChannel(code)).socketsLeave(presenterChannel(code));
    },
  };
}

/**
 * The room commands of one connection. Roles are the store's (by session); the run itself is reached only
 * through the run access table: the presenter's run is shared with its view key and attendees `run:watch` it,
 * so every run command an attendee sends meets the same owner check as every other session's.
 */
export function createRoomConnection(
  peer: RoomPeer,
  address: string,
  deps: RoomDeps,
  broadcast: RoomBroadcast,
): { handlers: RoomHandlers; disconnect(): void } {
  const { rooms, joins } = deps;
  /** Rooms this socket is counted in, with the session it was counted for. */
  const joined = new Map<string, { room: Room; sessionId: string }>();

  const attach = (room: Room, who: Session) => {
    const held = joined.get(room.code);
    if (held?.room === room && held.sessionId === who.id) return;
    if (held) detach(held.room, held.sessionId);
    joined.set(room.code, { room, sessionId: who.id });
    peer.join(roomChannel(room.code));
    if (rooms.roleOf(room, who.id) === 'presenter') peer.join(presenterChannel(room.code));
    const presence = rooms.attach(room, who.id);
    broadcast.change(presence.change);
    if (presence.listChanged) broadcast.attendees(room);
  };

  function detach(room: Room, sessionId: string) {
    joined.delete(room.code);
    peer.leave(roomChannel(room.code));
    peer.leave(presenterChannel(room.code));
    // A room that ended or expired meanwhile is no longer the store's: nothing to tell anyone.
    if (rooms.get(room.code) !== room) return;
    const presence = rooms.detach(room, sessionId);
    broadcast.change(presence.change);
    if (presence.listChanged) broadcast.attendees(room);
  }

  const snapshot = (room: Room, who: Session) => {
    const base = snapshotOf(room, broadcast.stateOf);
    // Names of other attendees are the presenter's to see, so only a presenter's snapshot has the tally.
    const { tallies } = deps;
    return tallies && room.presenterSession === who.id
      ? { ...base, lessonTally: tallies.tallyOf(room) }
      : base;
  };

  /** A failed join or claim spends the address's guess budget; undefined when it may try. */
  const guessRefusal = (): Result<never> | undefined =>
    joins.mayTry(address)
      ? undefined
      : fail('rate-limited', 'too many wrong workshop codes or keys from this address; wait a few seconds');

  /** Resolves the presenter's patch (flow parsed, run checked and shared) without changing anything yet. */
  const resolve = (
    patch: CommandParsed<'room:presenter-state'>['patch'],
    who: Session,
  ): Result<PresenterChange> => {
    const change: PresenterChange = {};
    if (patch.flow !== undefined) {
      const parsed = parseFlow(patch.flow);
      if (!parsed.ok) return fail('invalid-flow', 'the flow has problems', parsed.problems);
      change.flow = parsed.flow;
    }
    if (patch.runId === null) change.run = null;
    else if (patch.runId !== undefined) {
      const { runId } = patch;
      const verdict = deps.access.check(who.id, runId, 'owner');
      if (verdict === 'unknown-run') return fail('unknown-run', `no run ${runId}`);
      if (verdict === 'forbidden') return fail('forbidden', `run ${runId} belongs to another session`);
      const viewKey = deps.access.share(runId);
      if (!viewKey) return fail('unknown-run', `no run ${runId}`);
      const run: RoomRunLink = { runId, viewKey, flowRevision: deps.access.flowRevision(runId) ?? '' };
      change.run = run;
    }
    const follow: PresenterChange['follow'] = {};
    if (patch.selection !== undefined) follow.selection = patch.selection;
    if (patch.viewport !== undefined) follow.viewport = patch.viewport;
    if (patch.spotlight !== undefined) follow.spotlight = patch.spotlight;
    if (patch.speed !== undefined) follow.speed = patch.speed;
    if (Object.keys(follow).length > 0) change.follow = follow;
    if (patch.recall) change.recall = true;
    return ok(change);
  };

  const handlers: RoomHandlers = {
    'room:create': ({ flow, presenterName }, reply, who) => {
      const parsed = parseFlow(flow);
      if (!parsed.ok) return reply(fail('invalid-flow', 'the flow has problems', parsed.problems));
      const created = rooms.create(who.id, parsed.flow, presenterName ?? 'Presenter');
      if (!created.ok) return reply(created);
      const { room, presenterKey } = created.value;
      attach(room, who);
      reply(ok({ code: room.code, presenterKey, snapshot: snapshot(room, who) }));
    },

    'room:join': ({ code, name }, reply, who) => {
      const limited = guessRefusal();
      if (limited) return reply(limited);
      const joinedRoom = rooms.join(code, who.id, name);
      if (!joinedRoom.ok) {
        if (joinedRoom.code === 'unknown-room') joins.failed(address);
        return reply(joinedRoom);
      }
      const room = rooms.get(code);
      if (!room) return reply(fail('unknown-room', `no workshop has the code ${code}`));
      // Others hear of the newcomer before its socket is in the channel; its snapshot already counts it.
      broadcast.change(joinedRoom.value.change);
      if (!joinedRoom.value.resumed) broadcast.attendees(room);
      attach(room, who);
      const { attendee, resumed } = joinedRoom.value;
      reply(ok({ attendeeId: attendee.id, resumed, snapshot: snapshot(room, who) }));
    },

    'room:claim': ({ code, presenterKey }, reply, who) => {
      const limited = guessRefusal();
      if (limited) return reply(limited);
      const claimed = rooms.claim(code, who.id, presenterKey);
      if (!claimed.ok) {
        joins.failed(address);
        return reply(claimed);
      }
      const { room, change } = claimed.value;
      if (change) {
        // The previous presenter's sockets no longer get the attendee list.
        broadcast.dropPresenters(code);
        broadcast.change(change);
        broadcast.attendees(room);
      }
      const held = joined.get(code);
      if (held && held.sessionId === who.id && change) joined.delete(code);
      attach(room, who);
      reply(ok({ snapshot: snapshot(room, who), attendees: rooms.attendees(room) }));
    },

    'room:sync': ({ code }, reply, who) => {
      const room = rooms.get(code);
      if (!room) return reply(fail('unknown-room', `no workshop has the code ${code}`));
      if (!rooms.roleOf(room, who.id))
        return reply(fail('forbidden', `this session is not in workshop ${code}; join it first`));
      attach(room, who);
      reply(ok({ snapshot: snapshot(room, who) }));
    },

    'room:presenter-state': ({ code, patch }, reply, who) => {
      // The role first: an attendee's patch is refused before a field of it is read.
      const room = rooms.get(code);
      if (!room) return reply(fail('unknown-room', `no workshop has the code ${code}`));
      if (rooms.roleOf(room, who.id) !== 'presenter')
        return reply(fail('forbidden', `only the presenter of workshop ${code} may do that`));
      const change = resolve(patch, who);
      if (!change.ok) return reply(change);
      const done = rooms.present(code, who.id, change.value);
      if (!done.ok) return reply(done);
      broadcast.change(done.value);
      reply(ok({ version: done.value.version }));
    },

    'room:pointer': ({ code, pointer }, reply, who) => {
      const done = rooms.point(code, who.id, pointer);
      if (!done.ok) return reply(done);
      peer.others(roomChannel(code)).volatile.emit('room:pointer-moved', { code, pointer });
      reply(ok(null));
    },

    'room:end': ({ code }, reply, who) => {
      const ended = rooms.end(code, who.id);
      if (!ended.ok) return reply(ended);
      joined.delete(code);
      broadcast.ended(ended.value, 'ended');
      reply(ok(null));
    },

    'room:leave': ({ code }, reply, who) => {
      const left = rooms.leave(code, who.id);
      if (!left.ok) return reply(left);
      joined.delete(code);
      peer.leave(roomChannel(code));
      broadcast.change(left.value);
      broadcast.attendees(left.value.room);
      reply(ok(null));
    },
  };

  return {
    handlers,
    disconnect() {
      for (const { room, sessionId } of [...joined.values()]) detach(room, sessionId);
    },
  };
}
