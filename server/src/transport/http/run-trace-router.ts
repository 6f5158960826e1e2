import { Router, type Response } from 'express';
import { RunRef, SESSION_HEADER, TRACE_EXPORT_HEADERS, type Hop } from '@eventflow/shared';
import type { RunService } from '../../runs/run-service.js';
import type { TracePage } from '../../runs/worker-protocol.js';
import { HttpError } from './http-error.js';
import { registerOtlpRoute } from './run-otlp-route.js';
import { authorize, httpErrorOf, safeFileName, type ReadCheck } from './trace-export-access.js';

export type { ReadCheck } from './trace-export-access.js';

/** Hops asked of the worker per request: big enough to keep the pipe full, small enough to clone cheaply. */
export const TRACE_EXPORT_PAGE_HOPS = 10_000;

const RunId = RunRef.shape.runId;

/** One line per hop, each ended by a newline: exactly what `eventflow run --trace` writes. */
const toNdjson = (hops: readonly Hop[]) => hops.map((h) => JSON.stringify(h)).join('\n') + '\n';

/** Resolves true once the response can take more, false if the client went away first. */
function drained(res: Response): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const settle = (value: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(value);
    };
    const onDrain = () => settle(true);
    const onClose = () => settle(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

/**
 * Writes the pages after the first, fetching the next page while the current one drains. Returns false when
 * the export could not be finished (client gone, run ended or reset): the caller then cuts the response short,
 * so a truncated file never looks complete.
 */
async function streamPages(
  runs: RunService,
  runId: string,
  res: Response,
  first: TracePage,
  pageHops: number,
): Promise<boolean> {
  const toSeq = first.lastSeq;
  let page = first;
  for (;;) {
    const pending =
      page.nextSeq > toSeq
        ? undefined
        : runs.command(runId, { op: 'read', fromSeq: page.nextSeq, toSeq, limit: pageHops });
    if (res.destroyed) return false;
    if (page.hops.length > 0 && !res.write(toNdjson(page.hops)) && !(await drained(res))) return false;
    if (!pending) return true;
    const next = await pending;
    // A reset restarts seq at 1: hops read after it belong to a different trace.
    if (!next.ok || next.value.generation !== first.generation) return false;
    page = next.value;
  }
}

/**
 * `GET /api/runs/:runId/trace.ndjson`: every stored, visible hop of a run, from the oldest still stored to the
 * last visible when the request arrived, streamed page by page from the run's worker with backpressure. Only
 * for the run's owner or a session it was shared with (token in `SESSION_HEADER`).
 */
export function runTraceRouter(
  runs: RunService,
  opts: { canRead: ReadCheck; pageHops?: number; otlpMaxHops?: number },
): Router {
  const pageHops = opts.pageHops ?? TRACE_EXPORT_PAGE_HOPS;
  const router = Router();
  registerOtlpRoute(router, runs, { canRead: opts.canRead, maxHops: opts.otlpMaxHops });

  router.get('/:runId/trace.ndjson', async (req, res) => {
    const parsed = RunId.safeParse(req.params.runId);
    if (!parsed.success) {
      throw new HttpError(400, 'invalid-payload', `runId: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    const runId = parsed.data;
    authorize(req.headers[SESSION_HEADER], runId, opts.canRead);
    const flowName = runs.flowName(runId);
    if (flowName === undefined) throw new HttpError(404, 'unknown-run', `no run ${runId}`);

    // Watching keeps the run from being disposed as abandoned while its trace is still being read.
    runs.watch(runId);
    try {
      const first = await runs.command(runId, { op: 'read', fromSeq: 1, limit: pageHops });
      if (!first.ok) throw httpErrorOf(first, runId);
      res.attachment(`${safeFileName(flowName)}-${runId}.trace.ndjson`);
      res.setHeader('Content-Type', 'application/x-ndjson');
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader(TRACE_EXPORT_HEADERS.firstSeq, String(first.value.firstSeq));
      res.setHeader(TRACE_EXPORT_HEADERS.lastSeq, String(first.value.lastSeq));
      res.setHeader(TRACE_EXPORT_HEADERS.evicted, String(first.value.evicted));
      res.status(200);
      if (await streamPages(runs, runId, res, first.value, pageHops)) res.end();
      else res.destroy();
    } catch (err) {
      if (!res.headersSent) throw err;
      res.destroy();
    } finally {
      runs.unwatch(runId);
    }
  });

  return router;
}
