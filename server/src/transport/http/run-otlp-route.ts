import type { Router } from 'express';
import { SESSION_HEADER, TRACE_EXPORT_HEADERS, parseFlow, traceToOtlp, type Hop } from '@eventflow/shared';
import type { RunService } from '../../runs/run-service.js';
import { HttpError } from './http-error.js';
import { authorize, httpErrorOf, runIdOf, safeFileName, type ReadCheck } from './trace-export-access.js';

/**
 * Most hops one OTLP export holds. Unlike the NDJSON export it cannot stream: spans need every hop of their
 * event first, and the JSON is about 1 kB per hop, so a full million-hop store would be a gigabyte. Past this
 * the export holds the newest hops (the headers say where it starts).
 */
export const OTLP_EXPORT_MAX_HOPS = 100_000;

/**
 * `GET /api/runs/:runId/trace.otlp.json`: the run's stored trace as an OTLP/JSON `ExportTraceServiceRequest`
 * (Jaeger, an OpenTelemetry collector), built by `traceToOtlp` from the flow the run ran. The same access
 * rule as the NDJSON export: the run's owner or a session it was shared with.
 */
export function registerOtlpRoute(
  router: Router,
  runs: RunService,
  opts: { canRead: ReadCheck; pageHops: number; maxHops?: number },
): void {
  const maxHops = opts.maxHops ?? OTLP_EXPORT_MAX_HOPS;

  router.get('/:runId/trace.otlp.json', async (req, res) => {
    const runId = runIdOf(req.params.runId);
    authorize(req.headers[SESSION_HEADER], runId, opts.canRead);
    const flowName = runs.flowName(runId);
    if (flowName === undefined) throw new HttpError(404, 'unknown-run', `no run ${runId}`);

    runs.watch(runId);
    try {
      // The replay file carries the flow exactly as the run parsed it: node labels and kinds name the services.
      const exported = await runs.command(runId, { op: 'export' });
      if (!exported.ok) throw httpErrorOf(exported, runId);
      const flow = parseFlow(exported.value.flow);
      if (!flow.ok) throw new HttpError(500, 'internal', 'the run’s flow no longer parses');

      const probe = await runs.command(runId, { op: 'read', fromSeq: 1, limit: 1 });
      if (!probe.ok) throw httpErrorOf(probe, runId);
      const { lastSeq, generation, evicted } = probe.value;
      const fromSeq = Math.max(probe.value.firstSeq, lastSeq - maxHops + 1, 1);
      const hops: Hop[] = [];
      for (let seq = fromSeq; seq <= lastSeq;) {
        const page = await runs.command(runId, {
          op: 'read',
          fromSeq: seq,
          toSeq: lastSeq,
          limit: opts.pageHops,
        });
        if (!page.ok) throw httpErrorOf(page, runId);
        // A reset restarts seq at 1: hops read after it belong to a different trace.
        if (page.value.generation !== generation)
          throw new HttpError(409, 'conflict', `run ${runId} was reset`);
        hops.push(...page.value.hops);
        seq = page.value.nextSeq;
      }

      const body = JSON.stringify(traceToOtlp(flow.flow, hops));
      res.attachment(`${safeFileName(flowName)}-${runId}.otlp.json`);
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader(TRACE_EXPORT_HEADERS.firstSeq, String(hops[0]?.seq ?? fromSeq));
      res.setHeader(TRACE_EXPORT_HEADERS.lastSeq, String(lastSeq));
      res.setHeader(TRACE_EXPORT_HEADERS.evicted, String(evicted));
      res.status(200).send(body);
    } finally {
      runs.unwatch(runId);
    }
  });
}
