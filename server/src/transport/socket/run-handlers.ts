import {
  fail,
  ok,
  PROTOCOL_VERSION,
  RunResync,
  RunStart,
  type ClientToServerEvents,
  type Problem,
  type Result,
  type ServerToClientEvents,
} from '@eventflow/shared';
import type { Server, Socket } from 'socket.io';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { RunService } from '../../runs/run-service.js';
import type { StreamMessage } from '../../runs/worker-protocol.js';
import { RUN_COMMAND_NAMES, runCommands } from './command-table.js';
import { createTokenBucket } from './token-bucket.js';

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents>;
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents>;
type Ack = (r: Result<unknown>) => void;

export interface SocketOptions {
  rateLimit: { burst: number; perSecond: number };
  wallNow: () => number;
  log: Logger;
}

export const roomOf = (runId: string) => `run:${runId}`;
const HELLO = z.strictObject({ protocolVersion: z.number().int() });

function invalid(error: z.ZodError): Result<never> {
  const problems: Problem[] = error.issues.map((i) => ({
    path: i.path.join('.'),
    message: i.message,
    severity: 'error',
  }));
  const first = problems[0];
  const summary = first ? `${first.path || '(message)'}: ${first.message}` : 'invalid message';
  return fail('invalid-payload', summary, problems);
}

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

export function registerRunHandlers(io: AppServer, runs: RunService, opts: SocketOptions): void {
  io.on('connection', (socket: AppSocket) => {
    const log = opts.log.child({ socket: socket.id });
    const bucket = createTokenBucket(opts.rateLimit.burst, opts.rateLimit.perSecond, opts.wallNow);
    const watched = new Set<string>();

    const join = (runId: string) => {
      if (watched.has(runId)) return;
      watched.add(runId);
      void socket.join(roomOf(runId));
      runs.watch(runId);
    };

    /** Every command goes through here: rate limit, then a well-formed ack, whatever the handler does. */
    const handle = (event: string, work: (raw: unknown, reply: Ack) => Promise<void> | void) => {
      socket.on(
        event as keyof ClientToServerEvents,
        ((raw: unknown, ack: unknown) => {
          const reply: Ack = typeof ack === 'function' ? (r) => (ack as Ack)(r) : () => undefined;
          if (!bucket.take()) return reply(fail('rate-limited', 'too many commands; slow down'));
          Promise.resolve(work(raw, reply)).catch((err: unknown) => {
            log.error({ err, event }, 'command failed');
            reply(fail('internal', 'internal error'));
          });
        }) as never,
      );
    };

    handle('session:hello', (raw, reply) => {
      const m = HELLO.safeParse(raw);
      if (!m.success) return reply(invalid(m.error));
      if (m.data.protocolVersion !== PROTOCOL_VERSION) {
        return reply(
          fail(
            'version-mismatch',
            `server speaks protocol ${PROTOCOL_VERSION}, client ${m.data.protocolVersion}`,
          ),
        );
      }
      reply(ok({ protocolVersion: PROTOCOL_VERSION }));
    });

    handle('run:start', async (raw, reply) => {
      const cmd = RunStart.safeParse(raw);
      if (!cmd.success) return reply(invalid(cmd.error));
      const { flow, seed, speed, paused } = cmd.data;
      // `join` runs as the worker accepts the flow, so no message of the new run reaches the room before the starter.
      const init = {
        flow,
        ...(seed === undefined ? {} : { seed }),
        speed: speed ?? 1,
        paused: paused ?? false,
      };
      reply(await runs.start({ ...init, owner: socket.id }, join));
    });

    handle('run:resync', async (raw, reply) => {
      const cmd = RunResync.safeParse(raw);
      if (!cmd.success) return reply(invalid(cmd.error));
      const { runId, fromSeq } = cmd.data;
      // Joining as the answer arrives (synchronously) is what makes resync exact: batches the worker sent
      // before answering are in the answer, batches after it reach this socket through the room.
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
    });

    for (const name of RUN_COMMAND_NAMES) {
      const spec = runCommands[name];
      handle(name, async (raw, reply) => {
        const cmd = spec.schema.safeParse(raw);
        if (!cmd.success) return reply(invalid(cmd.error));
        const command = (spec.toCommand as (c: unknown) => ReturnType<typeof spec.toCommand>)(cmd.data);
        reply(await runs.command((cmd.data as { runId: string }).runId, command));
      });
    }

    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (typeof event === 'string' && socket.listeners(event as 'run:start').length > 0) return;
      const ack = args[args.length - 1];
      if (typeof ack !== 'function') return;
      if (!bucket.take()) return (ack as Ack)(fail('rate-limited', 'too many commands; slow down'));
      (ack as Ack)(fail('invalid-payload', `unknown command ${JSON.stringify(String(event)).slice(0, 80)}`));
    });

    socket.on('disconnect', () => {
      for (const runId of watched) runs.unwatch(runId);
      watched.clear();
    });
  });
}
