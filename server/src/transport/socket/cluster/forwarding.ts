import { COMMANDS, fail, type CommandName, type Result } from '@eventflow/shared';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { RunService } from '../../../runs/run-service.js';
import { dispatchParsed, runIdOf } from '../command-dispatch.js';
import { createCommandHandlers, type CommandHandlers, type Connection } from '../command-table.js';
import type { RoomPeer } from '../room-handlers.js';
import type { LessonHandlers } from '../lesson-handlers.js';
import type { Rooms } from '../room-wiring.js';
import type { RunAccess } from '../run-access.js';
import { roomOf, type AppServer } from '../run-handlers.js';
import type { Session, SessionRegistry } from '../sessions.js';
import type { Ack } from '../socket-commands.js';

/** What `new Server(…, { adapter })` takes: the Redis adapter's factory, or any other cluster adapter. */
export type ClusterAdapter = NonNullable<
  ConstructorParameters<typeof import('socket.io').Server>[1]
>['adapter'];

/** Commands that always run where they are sent: they create what they name (or name nothing). */
const LOCAL_ONLY = new Set<CommandName>(['session:hello', 'run:start', 'room:create']);

const FORWARD = 'eventflow:command';
const GONE = 'eventflow:gone';

/** A command sent on to the other processes; `sessionId` is qualified by the sender's process. */
const Forwarded = z.object({
  name: z.enum(Object.keys(COMMANDS) as [CommandName, ...CommandName[]]),
  raw: z.unknown(),
  socketId: z.string().min(1),
  sessionId: z.string().min(1),
  address: z.string(),
});
type Forwarded = z.infer<typeof Forwarded>;

const AnswerShape = z.object({ ok: z.boolean() }).loose();

export interface Forwarding {
  /**
   * The answer of the process holding the command's run or room; undefined when this process answers
   * itself (it holds it, nobody does, or the command creates what it names).
   */
  forward(
    name: CommandName,
    data: unknown,
    socketId: string,
    who: Session,
    address: string,
  ): Promise<Result<unknown> | undefined>;
  /** A socket here disconnected: whichever process answered for it lets it go (room presence, watches). */
  gone(socketId: string): void;
}

export interface ForwardingDeps {
  runs: RunService;
  sessions: SessionRegistry;
  access: RunAccess;
  rooms: Rooms;
  /** Lesson checks, for a check of a run this process holds (the tally is kept where the room lives). */
  lessons: LessonHandlers;
  /** Unique per process: qualifies the session ids it forwards, which are only unique per process. */
  nodeId: string;
  log: Logger;
}

const codeOf = (data: unknown): string | undefined =>
  typeof data === 'object' && data !== null && 'code' in data && typeof data.code === 'string'
    ? data.code
    : undefined;

/** A socket on another process, as the room handlers here act on it: through the adapter, by its id. */
function remotePeer(io: AppServer, socketId: string): RoomPeer {
  return {
    join: (channel) => io.in(socketId).socketsJoin(channel),
    leave: (channel) => io.in(socketId).socketsLeave(channel),
    others: (channel) => io.to(channel).except(socketId),
  };
}

/**
 * Rooms and runs across server processes (decision 0017): each lives on the process where it was created;
 * a command about one this process does not hold is sent to every other process, and the one holding it
 * answers it with the same handlers and checks as for its own sockets, acting on the sender's socket
 * through the adapter (joins, state, fan-out). The others answer null.
 */
export function createForwarding(io: AppServer, deps: ForwardingDeps): Forwarding {
  const { runs, rooms, access } = deps;
  /** Sockets of other processes this one answers for. */
  const peers = new Map<string, { handlers: CommandHandlers; watched: Set<string>; disconnect(): void }>();

  const holds = (name: CommandName, data: unknown): boolean | undefined => {
    if (LOCAL_ONLY.has(name)) return undefined;
    const runId = runIdOf(data);
    if (runId !== undefined) return runs.has(runId);
    const code = codeOf(data);
    if (code !== undefined && name.startsWith('room:')) return rooms.has(code);
    return undefined;
  };

  const peerOf = (socketId: string, address: string) => {
    const known = peers.get(socketId);
    if (known) return known;
    const watched = new Set<string>();
    const conn: Connection = {
      runs,
      sessions: deps.sessions,
      access,
      adopt: () => undefined, // hello is never forwarded
      join(runId) {
        if (watched.has(runId)) return;
        watched.add(runId);
        io.in(socketId).socketsJoin(roomOf(runId));
        runs.watch(runId);
      },
      sendState(runId) {
        const state = runs.lastState(runId);
        if (!state) return;
        const { kind: _kind, ...rest } = state;
        io.to(socketId).emit('run:state', { runId, ...rest });
      },
    };
    const room = rooms.connect(remotePeer(io, socketId), address);
    const peer = {
      handlers: { ...createCommandHandlers(conn), ...room.handlers, ...deps.lessons },
      watched,
      disconnect: room.disconnect,
    };
    peers.set(socketId, peer);
    return peer;
  };

  io.on(FORWARD, (raw: unknown, ack: (r: Result<unknown> | null) => void) => {
    const msg = Forwarded.safeParse(raw);
    if (!msg.success) return ack(null);
    const { name, socketId, sessionId, address }: Forwarded = msg.data;
    const cmd = COMMANDS[name].payload.safeParse(msg.data.raw);
    if (!cmd.success || holds(name, cmd.data) !== true) return ack(null);
    const who: Session = { id: sessionId, token: '' };
    const reply: Ack = (r) => ack(r);
    dispatchParsed(peerOf(socketId, address).handlers, access, name, cmd.data, reply, who).catch(
      (err: unknown) => {
        deps.log.error({ err, name }, 'forwarded command failed');
        ack(fail('internal', 'internal error'));
      },
    );
  });

  io.on(GONE, (socketId: unknown) => {
    if (typeof socketId !== 'string') return;
    const peer = peers.get(socketId);
    if (!peer) return;
    peers.delete(socketId);
    for (const runId of peer.watched) runs.unwatch(runId);
    peer.disconnect();
  });

  return {
    async forward(name, data, socketId, who, address) {
      if (holds(name, data) !== false) return undefined;
      const msg: Forwarded = { name, raw: data, socketId, sessionId: `${deps.nodeId}/${who.id}`, address };
      try {
        const answers: unknown[] = await io.serverSideEmitWithAck(FORWARD, msg);
        const answer = answers.find((a) => AnswerShape.safeParse(a).success);
        return answer === undefined ? undefined : (answer as Result<unknown>);
      } catch (err) {
        deps.log.warn({ err, name }, 'another server process did not answer in time');
        return fail('server-busy', 'another server process did not answer in time; try again');
      }
    },
    gone(socketId) {
      io.serverSideEmit(GONE, socketId);
    },
  };
}
