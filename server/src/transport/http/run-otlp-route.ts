import type { Router } from 'express';
import { SESSION_HEADER, TRACE_EXPORT_HEADERS } from '@eventflow/shared';
import type { RunService } from '../../runs/run-service.js';
import { HttpError } from './http-error.js';
import { authorize, httpErrorOf, runIdOf, safeFileName, type ReadCheck } from './trace-export-access.js';

/**
 * Most hops one OTLP export holds. Unlike the NDJSON export it cannot stream: spans need every hop of their
 * event first, and the JSON is about 1 kB per hop, so a full million-hop store would be a gigabyte in the run’s worker. Past this
 * the export holds the newest hops (the headers say where it starts).
 */
export const OTLP_EXPORT_MAX_HOPS = 50_000;

/**
 * `GET /api/runs/:runId/trace.otlp.json`: the run's stored trace as an OTLP/JSON `ExportTraceServiceRequest`
 * (Jaeger, an OpenTelemetry collector), built by `traceToOtlp` from the flow the run ran. The same access
 * rule as the NDJSON export: the run's owner or a session it was shared with.
 */
export function registerOtlpRoute(
  router: Router,
  runs: RunService,
  opts: { canRead: ReadCheck; maxHops?: number },
): void {
  const maxHops = opts.maxHops ?? OTLP_EXPORT_MAX_HOPS;

  router.get('/:runId/trace.otlp.json', async (req, res) => {
    const runId = runIdOf(req.params.runId);
    authorize(req.headers[SESSION_HEADER], runId, opts.canRead);
    const flowName = runs.flowName(runId);
    if (flowName === undefined) throw new HttpError(404, 'unknown-run', `no run ${runId}`);

    runs.watch(runId);
    try {
      // Built in the run's worker: a 50,000-hop export takes about half a second.
      const page = await runs.command(runId, { op: 'otlp', maxHops });
      if (!page.ok) throw httpErrorOf(page, runId);
      res.attachment(`${safeFileName(flowName)}-${runId}.otlp.json`);
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader(TRACE_EXPORT_HEADERS.firstSeq, String(page.value.firstSeq));
      res.setHeader(TRACE_EXPORT_HEADERS.lastSeq, String(page.value.lastSeq));
      res.setHeader(TRACE_EXPORT_HEADERS.evicted, String(page.value.evicted));
      res.status(200).send(page.value.json);
    } finally {
      runs.unwatch(runId);
    }
  });
}
