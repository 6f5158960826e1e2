import {
  fail,
  ok,
  PROTOCOL_VERSION,
  RunRef,
  RunResync,
  RunStart,
  RunWatch,
  SessionHello,
  type ClientToServerEvents,
  type Hop,
  type Result,
  type ServerToClientEvents,
} from '@eventflow/shared';
import type { Server } from 'socket.io';
import type { Logger } from 'pino';
import type { RunService } from '../../runs/run-service.js';
import type { StreamMessage } from '../../runs/worker-protocol.js';
import { addressKey, type AddressBuckets } from './address-limits.js';
import { RUN_COMMAND_NAMES, runCommands, specialRunAccess } from './command-table.js';
import type { Access, RunAccess } from './run-access.js';
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
  addressBuckets: AddressBuckets;
}

export const roomOf = (runId: string) => `run:${runId}`;

/** Streams a run's output to its room. Hops and metrics are volatile: a client that cannot keep up misses them rather than queueing them. */
export function streamToRooms(io: AppServer): (runId: string, msg: StreamMessage) => void {
  return (runId, msg) => {
    const room = io.to(roomOf(runId));
    if (msg.kind === 'hops')
      room.volatile.emit('trace:hops', { runId, hops: msg.hops, sampled: msg.sampled });
    else if (msg.kind === 'metrics')
      room.volatile.emit('run:metrics', { runId, t: msg.t, nodes: msg.nodes, edges: msg.edges });
    else {
      const { kind: _kind, ...state } = msg;
      room.emit('run:state', { runId, ...state });
    }
  };
}

function denied(verdict: 'forbidden' | 'unknown-run', runId: string): Result<never> {
  return verdict === 'unknown-run'
    ? fail('unknown-run', `no run ${runId}`)
    : fail('forbidden', `run ${runId} belongs to another session`);
}

export function registerRunHandlers(io: AppServer, deps: SocketDeps, opts: SocketOptions): void {
  const { runs, sessions, access } = deps;
  io.on('connection', (socket: AppSocket) => {
    const address = addressKey(socket.handshake.address);
    const bucket = createTokenBucket(opts.rateLimit.burst, opts.rateLimit.perSecond, opts.wallNow);
    const watched = new Set<string>();
    let session: Session | undefined;
    const gate: CommandGate = {
      // The socket's own budget first, so a socket over its limit does not spend its neighbours' tokens.
      admit: () => bucket.take() && deps.addressBuckets.take(address),
      session: () => session,
      log: opts.log.child({ socket: socket.id }),
    };

    const join = (runId: string) => {
      if (watched.has(runId)) return;
      watched.add(runId);
      void socket.join(roomOf(runId));
      runs.watch(runId);
    };

    /** Undefined when the session may; otherwise the answer to send instead, and nothing else happens. */
    const refusal = (who: Session, runId: string, need: Access): Result<never> | undefined => {
      const verdict = access.check(who.id, runId, need);
      return verdict === 'ok' ? undefined : denied(verdict, runId);
    };

    /**
     * Joining as the worker's answer arrives (synchronously) is what makes a resync exact: batches sent before
     * the answer are in it, batches after it reach this socket through the room.
     */
    const resync = async (
      runId: string,
      fromSeq: number,
      reply: (r: Result<{ hops: Hop[]; complete: boolean }>) => void,
    ) => {
      await runs.command(runId, { op: 'resync', fromSeq }, (r) => {
        if (r.ok) join(runId);
        reply(r);
        // A late joiner also needs to know where the run stands (it missed the state changes so far).
        const state = r.ok ? runs.lastState(runId) : undefined;
        if (state) {
          const { kind: _kind, ...rest } = state;
          socket.emit('run:state', { runId, ...rest });
        }
      });
    };

    onAnyTime(socket, gate, 'session:hello', (raw, reply) => {
      const m = SessionHello.safeParse(raw);
      if (!m.success) return reply(invalid(m.error));
      const { protocolVersion, sessionToken } = m.data;
      if (protocolVersion !== PROTOCOL_VERSION) {
        return reply(
          fail('version-mismatch', `server speaks protocol ${PROTOCOL_VERSION}, client ${protocolVersion}`),
        );
      }
      if (session) {
        if (sessionToken !== undefined && sessionToken !== session.token) {
          return reply(fail('invalid-payload', 'this connection already has a session; reconnect to switch'));
        }
        return reply(ok({ protocolVersion, sessionToken: session.token }));
      }
      const opened = sessions.open(sessionToken);
      if (!opened) return reply(fail('server-busy', 'too many sessions are open; try again later'));
      session = opened.session;
      sessions.attach(session);
      reply(ok({ protocolVersion, sessionToken: session.token }));
    });

    onCommand(socket, gate, 'run:start', async (raw, reply, who) => {
      const cmd = RunStart.safeParse(raw);
      if (!cmd.success) return reply(invalid(cmd.error));
      const { flow, seed, speed, paused } = cmd.data;
      const init = {
        flow,
        ...(seed === undefined ? {} : { seed }),
        speed: speed ?? 1,
        paused: paused ?? false,
        owner: who.id,
      };
      // The worker validates the flow; `onAccepted` runs as it accepts it, before any message of the new run
      // is forwarded, so the starter owns the run and is in its room before the first hop.
      const started = await runs.start(init, (runId) => {
        access.recordOwner(runId, who.id);
        join(runId);
      });
      if (started.ok) access.setFlowRevision(started.value.runId, started.value.flowRevision);
      reply(started);
    });

    onCommand(socket, gate, 'run:resync', async (raw, reply, who) => {
      const cmd = RunResync.safeParse(raw);
      if (!cmd.success) return reply(invalid(cmd.error));
      const no = refusal(who, cmd.data.runId, specialRunAccess['run:resync']);
      if (no) return reply(no);
      await resync(cmd.data.runId, cmd.data.fromSeq, reply);
    });

    onCommand(socket, gate, 'run:share', (raw, reply, who) => {
      const cmd = RunRef.safeParse(raw);
      if (!cmd.success) return reply(invalid(cmd.error));
      const no = refusal(who, cmd.data.runId, specialRunAccess['run:share']);
      if (no) return reply(no);
      const viewKey = access.share(cmd.data.runId);
      reply(viewKey ? ok({ viewKey }) : fail('unknown-run', `no run ${cmd.data.runId}`));
    });

    onCommand(socket, gate, 'run:watch', async (raw, reply, who) => {
      const cmd = RunWatch.safeParse(raw);
      if (!cmd.success) return reply(invalid(cmd.error));
      const { runId, viewKey, fromSeq } = cmd.data;
      const verdict = access.watch(who.id, runId, viewKey);
      if (verdict === 'unknown-run') return reply(denied(verdict, runId));
      if (verdict === 'forbidden')
        return reply(fail('forbidden', `that is not the view key of run ${runId}`));
      const revision = access.flowRevision(runId) ?? '';
      await resync(runId, fromSeq, (r) => reply(r.ok ? ok({ ...r.value, flowRevision: revision }) : r));
    });

    for (const name of RUN_COMMAND_NAMES) {
      const spec = runCommands[name];
      onCommand(socket, gate, name, async (raw, reply: Ack, who) => {
        const cmd = spec.schema.safeParse(raw);
        if (!cmd.success) return reply(invalid(cmd.error));
        const { runId } = cmd.data as { runId: string };
        const no = refusal(who, runId, spec.access);
        if (no) return reply(no);
        const command = (spec.toCommand as (c: unknown) => ReturnType<typeof spec.toCommand>)(cmd.data);
        reply(await runs.command(runId, command));
      });
    }

    onUnknownCommand(socket, gate);

    socket.on('disconnect', () => {
      for (const runId of watched) runs.unwatch(runId);
      watched.clear();
      if (session) sessions.detach(session);
    });
  });
}
