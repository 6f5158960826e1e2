import {
  COMMAND_NAMES,
  COMMANDS,
  EVENTS,
  type ClientToServerEvents,
  type EventName,
  type EventPayload,
  type RateClass,
  type ServerToClientEvents,
} from '@eventflow/shared';
import type { Server } from 'socket.io';
import type { Logger } from 'pino';
import type { RunService } from '../../runs/run-service.js';
import type { StreamMessage } from '../../runs/worker-protocol.js';
import { addressKey, type AddressBuckets } from './address-limits.js';
import type { RecordedUploads } from '../../runs/recorded-uploads.js';
import { createCommandHandlers, type CommandHandlers, type Connection } from './command-table.js';
import type { LessonHandlers } from './lesson-handlers.js';
import type { Forwarding } from './cluster/forwarding.js';
import { dispatchParsed } from './command-dispatch.js';
import { localPeer } from './room-handlers.js';
import type { Rooms } from './room-wiring.js';
import type { RunAccess } from './run-access.js';
import type { Session, SessionRegistry } from './sessions.js';
import {
  invalid,
  onAnyTime,
  onCommand,
  onUnknownCommand,
  type Ack,
  type AppSocket,
  type CommandGate,
} from './socket-commands.js';
import { createTokenBucket } from './token-bucket.js';

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents>;

export interface SocketOptions {
  /** Commands per socket: `burst` at once, refilled at `perSecond`. */
  rateLimit: { burst: number; perSecond: number };
  /** Commands per remote address, shared by all of its sockets, on top of the per-socket budget. */
  addressRateLimit: { burst: number; perSecond: number };
  /** Open socket.io connections per remote address; the next handshake is refused. */
  maxConnectionsPerAddress: number;
  wallNow: () => number;
  log: Logger;
}

export interface SocketDeps {
  runs: RunService;
  sessions: SessionRegistry;
  access: RunAccess;
  /** Traces uploaded over REST (`POST /api/recorded`) that `run:start { recordedUpload }` opens. */
  uploads?: RecordedUploads;
  addressBuckets: AddressBuckets;
  /** Workshop rooms: their commands' handlers per connection (rooms/ and room-handlers.ts). */
  rooms: Rooms;
  /** Lesson checks (lesson-handlers.ts): one set for the server, they keep no per-socket state. */
  lessons: LessonHandlers;
  /** Set when several server processes share rooms and runs through the socket.io adapter. */
  cluster?: Forwarding;
}

export const roomOf = (runId: string) => `run:${runId}`;

/**
 * Streams a run's output to its room, each event as the table declares its delivery: a `volatile` one is
 * missed by a client that cannot keep up rather than queued for it. Hop batches of a run that is not
 * running (a step, an advance, a replay while paused) go reliably: they are few, made by someone's action,
 * and a socket busy writing the previous packet would otherwise lose the very hop a presenter stepped to.
 */
export function streamToRooms(io: AppServer): (runId: string, msg: StreamMessage) => void {
  /** Runs whose last streamed state was not `running`; a run not in it streams as the table says. */
  const still = new Set<string>();
  const emit = <E extends EventName>(runId: string, name: E, payload: EventPayload<E>, reliable = false) => {
    const room = io.to(roomOf(runId));
    const target = EVENTS[name].delivery === 'volatile' && !reliable ? room.volatile : room;
    // socket.io's emit cannot resolve its parameters for a generic event name; the payload type is the map's.
    target.emit(name, ...([payload] as Parameters<ServerToClientEvents[E]>));
  };
  return (runId, msg) => {
    if (msg.kind === 'hops')
      emit(runId, 'trace:hops', { runId, hops: msg.hops, sampled: msg.sampled }, still.has(runId));
    else if (msg.kind === 'metrics')
      emit(runId, 'run:metrics', { runId, t: msg.t, nodes: msg.nodes, edges: msg.edges });
    else {
      const { kind: _kind, ...state } = msg;
      if (state.status === 'paused') still.add(runId);
      else still.delete(runId);
      emit(runId, 'run:state', { runId, ...state });
    }
  };
}

export function registerRunHandlers(io: AppServer, deps: SocketDeps, opts: SocketOptions): void {
  const { runs, sessions, access } = deps;
  io.on('connection', (socket: AppSocket) => {
    const address = addressKey(socket.handshake.address);
    const bucket = createTokenBucket(opts.rateLimit.burst, opts.rateLimit.perSecond, opts.wallNow);
    const watched = new Set<string>();
    let session: Session | undefined;
    const budgets: Record<RateClass, () => boolean> = {
      // The socket's own budget first, so a socket over its limit does not spend its neighbours' tokens.
      command: () => bucket.take() && deps.addressBuckets.take(address),
    };
    const gate: CommandGate = {
      admit: (rate) => budgets[rate](),
      session: () => session,
      log: opts.log.child({ socket: socket.id }),
    };

    const conn: Connection = {
      runs,
      sessions,
      access,
      ...(deps.uploads ? { uploads: deps.uploads } : {}),
      adopt(next) {
        session = next;
        sessions.attach(next);
      },
      join(runId) {
        if (watched.has(runId)) return;
        watched.add(runId);
        void socket.join(roomOf(runId));
        runs.watch(runId);
      },
      sendState(runId) {
        const state = runs.lastState(runId);
        if (!state) return;
        const { kind: _kind, ...rest } = state;
        socket.emit('run:state', { runId, ...rest });
      },
    };
    const room = deps.rooms.connect(localPeer(socket), address);
    const handlers: CommandHandlers = {
      ...createCommandHandlers(conn),
      ...room.handlers,
      ...deps.lessons,
    };

    // Every command the same way, by the table: its payload schema, then (for run-scoped commands) the
    // session's right to the run, then its handler.
    for (const name of COMMAND_NAMES) {
      const spec = COMMANDS[name];
      const work = async (raw: unknown, reply: Ack, who: Session | undefined) => {
        const cmd = spec.payload.safeParse(raw);
        if (!cmd.success) return reply(invalid(cmd.error));
        // A command about a run or room another process holds is answered there (cluster/forwarding.ts).
        const remote = who && (await deps.cluster?.forward(name, cmd.data, socket.id, who, address));
        if (remote) return reply(remote);
        await dispatchParsed(handlers, access, name, cmd.data, reply, who);
      };
      if ('sessionless' in spec) onAnyTime(socket, gate, name, (raw, reply) => work(raw, reply, session));
      else onCommand(socket, gate, name, work);
    }

    onUnknownCommand(socket, gate);

    socket.on('disconnect', () => {
      for (const runId of watched) runs.unwatch(runId);
      watched.clear();
      room.disconnect();
      deps.cluster?.gone(socket.id);
      if (session) sessions.detach(session);
    });
  });
}
