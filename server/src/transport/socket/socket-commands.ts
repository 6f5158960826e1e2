import {
  COMMANDS,
  fail,
  type ClientToServerEvents,
  type CommandName,
  type Problem,
  type RateClass,
  type Result,
  type ServerToClientEvents,
} from '@eventflow/shared';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { Session } from './sessions.js';

export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents>;
export type Ack = (r: Result<unknown>) => void;

/** A zod failure as an `invalid-payload` answer: the first problem in the message, all of them in `problems`. */
export function invalid(error: z.ZodError): Result<never> {
  const problems: Problem[] = error.issues.map((i) => ({
    path: i.path.join('.'),
    message: i.message,
    severity: 'error',
  }));
  const first = problems[0];
  const summary = first ? `${first.path || '(message)'}: ${first.message}` : 'invalid message';
  return fail('invalid-payload', summary.length > 300 ? `${summary.slice(0, 300)}…` : summary, problems);
}

/**
 * Socket.io hands a listener every argument the client sent; the ack, when there is one, is the LAST, and
 * only if it is a function. Everything before it is payload. The reply answers at most once.
 */
export function splitArgs(args: unknown[]): { payloads: unknown[]; reply: Ack } {
  const last = args.at(-1);
  const ack = typeof last === 'function' ? (last as Ack) : undefined;
  let answered = false;
  const reply: Ack = (r) => {
    if (answered || !ack) return;
    answered = true;
    ack(r);
  };
  return { payloads: ack ? args.slice(0, -1) : args, reply };
}

export interface CommandGate {
  /** Spends from the budget of the command's rate class (the table's); false means answer `rate-limited`. */
  admit(rate: RateClass): boolean;
  session(): Session | undefined;
  log: Logger;
}

export type Work = (raw: unknown, reply: Ack, session: Session) => Promise<void> | void;

/**
 * Registers one command: rate limit, exactly one payload, then the body; whatever the body does, the client
 * gets one well-formed answer. Only `session:hello` uses this directly: every other command is `onCommand`.
 */
export function onAnyTime(
  socket: AppSocket,
  gate: CommandGate,
  event: CommandName,
  body: (raw: unknown, reply: Ack) => Promise<void> | void,
): void {
  socket.on(event, ((...args: unknown[]) => {
    const { payloads, reply } = splitArgs(args);
    if (!gate.admit(COMMANDS[event].rate)) return reply(fail('rate-limited', 'too many commands; slow down'));
    if (payloads.length !== 1) {
      return reply(
        fail('invalid-payload', `${event} takes one payload and an ack; got ${payloads.length} payloads`),
      );
    }
    Promise.resolve(body(payloads[0], reply)).catch((err: unknown) => {
      gate.log.error({ err, event }, 'command failed');
      reply(fail('internal', 'internal error'));
    });
  }) as never);
}

/** A command that needs a session: before `session:hello` it answers `no-session`. */
export function onCommand(socket: AppSocket, gate: CommandGate, event: CommandName, work: Work): void {
  onAnyTime(socket, gate, event, (raw, reply) => {
    const session = gate.session();
    if (!session) return reply(fail('no-session', `say session:hello before ${event}`));
    return work(raw, reply, session);
  });
}

/** Answers any event nobody registered: `invalid-payload`, still rate limited. */
export function onUnknownCommand(socket: AppSocket, gate: CommandGate): void {
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && socket.listeners(event as 'run:start').length > 0) return;
    const { reply } = splitArgs(args);
    // An unknown command spends like every command, so probing names is no cheaper than sending commands.
    if (!gate.admit('command')) return reply(fail('rate-limited', 'too many commands; slow down'));
    reply(fail('invalid-payload', `unknown command ${JSON.stringify(String(event)).slice(0, 80)}`));
  });
}
