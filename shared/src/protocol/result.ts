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
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One validation problem: where (a dotted path such as `nodes[3].config.partitions`) and what. */
export interface Problem {
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Every fallible socket command acks with this; nothing throws across the wire. */
export type Result<T> =
  { ok: true; value: T } | { ok: false; code: ErrorCode; message: string; problems?: Problem[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string, problems?: Problem[]): Result<T> =>
  problems ? { ok: false, code, message, problems } : { ok: false, code, message };
