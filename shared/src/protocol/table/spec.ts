import type { z } from 'zod';

/**
 * Who may send a command that names a run: `owner` changes it (only the session that started it), `viewer`
 * only reads it (the owner, or a session it was shared with), `none` names no run or checks its own way
 * (`run:watch` checks a view key). The server reads this from the table; no handler decides it.
 */
export type Access = 'owner' | 'viewer' | 'none';

/**
 * Which budget a command spends. Today every command spends one token of its socket's and its address's
 * command budget; a class with its own budget (e.g. room joins) is a new member here plus its bucket.
 */
export type RateClass = 'command';

export interface CommandSpec {
  /** Checked at the socket boundary before a handler sees it; `invalid-payload` names every problem. */
  payload: z.ZodType;
  /** The `value` of an `{ ok: true }` ack; tests parse every answer with it. */
  reply: z.ZodType;
  access: Access;
  rate: RateClass;
  /** True only for `session:hello`: every other command before it answers `no-session`. */
  sessionless?: true;
  /** Markdown for docs/protocol.md: what it does and how it fails. */
  doc: string;
}

type RunScoped<T extends CommandSpec> = T['access'] extends 'none'
  ? unknown
  : { payload: z.ZodType<{ runId: string }> };

/**
 * A command entry, kept with its literal types (the access rule and `sessionless` are read at the type
 * level too). `owner`/`viewer` commands must carry the `runId` the access check reads; the compiler holds
 * them to it.
 */
export function command<const T extends CommandSpec>(spec: T & RunScoped<T>): T {
  return spec;
}

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  payload: P;
  /** `volatile`: a client that cannot keep up misses it instead of queueing it on the server. */
  delivery: 'reliable' | 'volatile';
  /** Markdown for docs/protocol.md: when it is sent. */
  doc: string;
}

export const event = <P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> => spec;
