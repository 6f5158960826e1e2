import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ErrorCode, ErrorReply, Problem } from '@eventflow/shared';

/** Thrown (or passed to `next`) by routers; the error middleware turns it into `{ code, message, problems? }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: { problems?: Problem[]; revision?: number } = {},
  ) {
    super(message);
  }
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/** The one error middleware (arity 4, registered last). 5xx detail goes to the log, never to the client. */
export function errorMiddleware(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const send = (status: number, body: ErrorReply) => res.status(status).json(body);
    if (err instanceof HttpError) {
      send(err.status, { code: err.code, message: err.message, ...err.extra });
      return;
    }
    const parser = err as BodyParserError;
    if (parser.type === 'entity.too.large') {
      send(413, { code: 'too-large', message: 'request body is too large' });
      return;
    }
    if (parser.type === 'entity.parse.failed') {
      send(400, { code: 'invalid-payload', message: 'request body is not valid JSON' });
      return;
    }
    if (typeof parser.status === 'number' && parser.status >= 400 && parser.status < 500) {
      send(parser.status, { code: 'invalid-payload', message: 'the request could not be read' });
      return;
    }
    log.error({ err, reqId: res.locals.reqId as unknown, url: req.originalUrl }, 'unhandled error');
    send(500, { code: 'internal', message: 'internal error' });
  };
}
