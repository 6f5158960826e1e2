import { StringDecoder } from 'node:string_decoder';
import { Router, type Request } from 'express';
import {
  createTraceLineReader,
  RECORDED_UPLOAD_MAX_BYTES,
  RECORDED_UPLOAD_MAX_HOPS,
  SESSION_HEADER,
  type RecordedUploadReply,
} from '@eventflow/shared';
import type { RecordedUploads } from '../../runs/recorded-uploads.js';
import { HttpError } from './http-error.js';

export interface RecordedUploadDeps {
  uploads: RecordedUploads;
  /** The session id of a token (from `session:hello`), undefined for an unknown or expired one. */
  sessionOf: (token: string) => string | undefined;
  maxBytes?: number;
  maxHops?: number;
}

const NDJSON = 'application/x-ndjson';

/** The uploading session's id, or the 401 that says how to get one. */
function ownerOf(req: Request, sessionOf: RecordedUploadDeps['sessionOf']): string {
  const token = req.headers[SESSION_HEADER];
  if (typeof token !== 'string' || token === '')
    throw new HttpError(
      401,
      'no-session',
      `send the session token (from session:hello) in ${SESSION_HEADER}`,
    );
  const owner = sessionOf(token);
  if (!owner) throw new HttpError(401, 'no-session', 'unknown or expired session; say session:hello again');
  return owner;
}

/**
 * `POST /api/recorded` (decision 0030): a trace NDJSON too large for one socket message. Every line is checked
 * against the `Hop` schema as the body streams in, the body is bounded in bytes and hops, and the reply is a
 * handle that only the uploading session can open (`run:start { recordedUpload }`). The content type must be
 * `application/x-ndjson`: a page of another origin cannot send that without a CORS preflight, which the
 * origin guard refuses, so only the server's own pages (and the CLI) upload.
 */
export function recordedUploadRouter(deps: RecordedUploadDeps): Router {
  const maxBytes = deps.maxBytes ?? RECORDED_UPLOAD_MAX_BYTES;
  const maxHops = deps.maxHops ?? RECORDED_UPLOAD_MAX_HOPS;
  const router = Router();
  router.post('/', async (req, res) => {
    // The body is read here, not by a parser: a refusal closes the connection rather than drain 256 MB.
    const refuse = (err: HttpError): HttpError => {
      res.setHeader('Connection', 'close');
      return err;
    };
    const owner = ownerOf(req, deps.sessionOf);
    if (!req.is(NDJSON)) {
      throw refuse(new HttpError(415, 'invalid-payload', `send the trace as ${NDJSON}, one hop per line`));
    }
    const tooLarge = () =>
      new HttpError(413, 'too-large', `a recorded trace upload holds at most ${maxBytes} bytes of NDJSON`);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) throw refuse(tooLarge());
    if (!deps.uploads.fits(owner, declared))
      throw refuse(
        new HttpError(503, 'server-busy', 'the server holds too many uploaded traces; try again later'),
      );

    const reader = createTraceLineReader({ maxHops, keep: false });
    const decoder = new StringDecoder('utf8');
    const chunks: Buffer[] = [];
    let bytes = 0;
    let rest = '';
    let reading = true;
    // Leaving the loop early must not destroy the socket before the refusal is sent.
    for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      bytes += chunk.byteLength;
      if (bytes > maxBytes) throw refuse(tooLarge());
      chunks.push(chunk);
      const lines = (rest + decoder.write(chunk)).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (!(reading = reader.line(line))) break;
      if (!reading) break;
    }
    if (reading) reader.line(rest + decoder.end());
    const verdict = reader.finish();
    if (!verdict.ok) {
      const first = verdict.problems[0];
      throw refuse(
        new HttpError(400, 'invalid-payload', `the trace cannot be read: ${first?.path} ${first?.message}`, {
          problems: verdict.problems,
        }),
      );
    }
    const kept = deps.uploads.put(owner, Buffer.concat(chunks, bytes), reader.count);
    if (!kept)
      throw refuse(
        new HttpError(503, 'server-busy', 'the server holds too many uploaded traces; try again later'),
      );
    res.status(201).json({ ...kept, hops: reader.count } satisfies RecordedUploadReply);
  });
  return router;
}
