import type { z } from 'zod';
import type { Result } from '../result.js';
import { eventSourcingCommands } from './event-sourcing-commands.js';
import { inspectCommands } from './inspect-commands.js';
import { lessonCommands } from './lesson-commands.js';
import { roomCommands } from './room-commands.js';
import { roomEvents } from './room-events.js';
import { runCommands } from './run-commands.js';
import { serverEvents } from './server-events.js';
import { sessionCommands } from './session-commands.js';
import type { CommandSpec, EventSpec } from './spec.js';

export type { Access, CommandSpec, EventSpec, RateClass } from './spec.js';
export type { RoomCommandName } from './room-commands.js';
export type { LessonCommandName } from './lesson-commands.js';
export { RunMetricsEvent, RunStateEvent, TraceHopsEvent } from './server-events.js';

/**
 * THE socket protocol: every client → server command and server → client event, with its schemas and rules.
 * The socket.io maps below, the server's command table, the worker's mirrored commands and docs/protocol.md
 * are derived from it; adding a command is one entry in an area's file (and its handler, which the
 * compiler then asks for).
 */
export const COMMANDS = {
  ...sessionCommands,
  ...runCommands,
  ...inspectCommands,
  ...roomCommands,
  ...lessonCommands,
  ...eventSourcingCommands,
} satisfies Record<string, CommandSpec>;

export const EVENTS = { ...serverEvents, ...roomEvents } satisfies Record<string, EventSpec>;

export type CommandName = keyof typeof COMMANDS;
export type EventName = keyof typeof EVENTS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

/** What a client may send (zod input: defaults may be left out). */
export type CommandArgs<C extends CommandName> = z.input<(typeof COMMANDS)[C]['payload']>;
/** What the server's handler gets once the payload has been parsed (defaults filled in). */
export type CommandParsed<C extends CommandName> = z.output<(typeof COMMANDS)[C]['payload']>;
/** The value of the command's `{ ok: true }` ack. */
export type CommandReply<C extends CommandName> = z.output<(typeof COMMANDS)[C]['reply']>;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]['payload']>;

/** Commands the server answers before `session:hello` (only the hello itself). */
export type SessionlessName = {
  [C in CommandName]: (typeof COMMANDS)[C] extends { sessionless: true } ? C : never;
}[CommandName];

type Ack<T> = (result: Result<T>) => void;

/** socket.io's typed map of commands: the server's `Server<…>` and the client's `Socket<…>` both use it. */
export type ClientToServerEvents = {
  [C in CommandName]: (payload: CommandArgs<C>, ack: Ack<CommandReply<C>>) => void;
};
export type ServerToClientEvents = { [E in EventName]: (payload: EventPayload<E>) => void };

export const isCommandName = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

/** Every command that names a run and the right it needs: the docs' access table and the ownership tests read it. */
export const RUN_ACCESS: Readonly<Record<string, 'owner' | 'viewer'>> = Object.fromEntries(
  COMMAND_NAMES.flatMap((name) => {
    const { access } = COMMANDS[name];
    return access === 'none' ? [] : [[name, access]];
  }),
);
