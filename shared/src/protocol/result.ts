import { z } from 'zod';

/** Stable, documented error codes; clients branch on these, never on messages. */
export const ERROR_CODES = [
  'invalid-payload',
  'invalid-flow',
  'unknown-run',
  'unknown-node',
  'unknown-event',
  'not-found',
  'conflict',
  'rate-limited',
  'too-large',
  'run-limit',
  'version-mismatch',
  /** The command names a run this session neither owns nor was shared, or the origin/host is not allowed. */
  'forbidden',
  /** The socket has not said `session:hello` yet, so the server does not know whose commands these are. */
  'no-session',
  /** The flow library is full (flow count or bytes). */
  'quota-exceeded',
  /** The server is out of a shared resource (run memory); the message says which and what to do. */
  'server-busy',
  /** No live workshop has that join code: mistyped, ended or expired. */
  'unknown-room',
  /** A workshop ceiling: rooms per presenter or on the server, or attendees in one room. */
  'room-limit',
  'internal',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** One validation problem: where (a dotted path such as `nodes[3].config.partitions`) and what. */
export const Problem = z.object({
  path: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});
export type Problem = z.infer<typeof Problem>;

/** Every fallible socket command acks with this; nothing throws across the wire. */
export type Result<T> =
  { ok: true; value: T } | { ok: false; code: ErrorCode; message: string; problems?: Problem[] };

/** The refusal half of every `Result`: a stable code, a message for people, and the problems by path. */
export const ResultFailure = z.object({
  ok: z.literal(false),
  code: ErrorCode,
  message: z.string(),
  problems: z.array(Problem).optional(),
});

/** The schema of `Result<T>` for a value schema: what tests and clients parse an ack with. */
export const resultOf = <S extends z.ZodType>(value: S) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), ResultFailure]);

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string, problems?: Problem[]): Result<T> =>
  problems ? { ok: false, code, message, problems } : { ok: false, code, message };
