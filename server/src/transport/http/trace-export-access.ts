import { RunRef, SESSION_HEADER, type Result } from '@eventflow/shared';
import { HttpError } from './http-error.js';

/** Browsers strip path separators from download names anyway; control characters would break the header. */
export function safeFileName(name: string): string {
  return [...name]
    .map((ch) => (ch < ' ' || ch === '\u007f' || ch === '/' || ch === '\\' ? '_' : ch))
    .join('');
}

export function httpErrorOf(r: Extract<Result<unknown>, { ok: false }>, runId: string): HttpError {
  if (r.code === 'unknown-run') return new HttpError(404, 'unknown-run', `no run ${runId}`);
  return new HttpError(500, 'internal', r.message);
}

/** Whether the session of a token may read a run: the same rule as `trace:query` on the socket. */
export type ReadCheck = (
  sessionToken: string,
  runId: string,
) => 'ok' | 'no-session' | 'forbidden' | 'unknown-run';

export function authorize(header: string | string[] | undefined, runId: string, canRead: ReadCheck): void {
  if (typeof header !== 'string' || header === '') {
    throw new HttpError(
      401,
      'no-session',
      `send the session token (from session:hello) in ${SESSION_HEADER}`,
    );
  }
  const verdict = canRead(header, runId);
  if (verdict === 'no-session') {
    throw new HttpError(401, 'no-session', 'unknown or expired session; say session:hello again');
  }
  if (verdict === 'unknown-run') throw new HttpError(404, 'unknown-run', `no run ${runId}`);
  if (verdict === 'forbidden')
    throw new HttpError(403, 'forbidden', `run ${runId} belongs to another session`);
}

const RunId = RunRef.shape.runId;

/** The `:runId` of a trace export route, or a 400 naming what is wrong with it. */
export function runIdOf(raw: unknown): string {
  const parsed = RunId.safeParse(raw);
  if (!parsed.success) {
    throw new HttpError(400, 'invalid-payload', `runId: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
