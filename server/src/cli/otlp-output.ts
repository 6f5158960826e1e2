import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Engine } from '../engine/api.js';
import { engineToOtlp } from '../standards/otlp-engine.js';
import type { OtlpTraceRequest } from '@eventflow/shared';
import type { RunArgs } from './args.js';

/** Wall ms a collector gets to answer before the CLI gives up on it. */
export const OTLP_POST_TIMEOUT_MS = 10_000;

/** OTLP/HTTP's trace path, appended to the endpoint as the OTLP exporter spec says. */
export const otlpTracesUrl = (endpoint: string) => `${endpoint.replace(/\/+$/, '')}/v1/traces`;

export interface OtlpOutcome {
  ok: boolean;
  /** One line per thing done or failed, for stderr: stdout stays the summary (one JSON object with --json). */
  lines: string[];
}

const messageOf = (e: unknown): string => {
  if (!(e instanceof Error)) return String(e);
  // fetch says only "fetch failed"; the reason (ECONNREFUSED, a DNS failure) is its cause.
  const cause: unknown = e.cause;
  if (cause instanceof Error)
    return 'code' in cause ? `${String(cause.code)} (${cause.message})` : cause.message;
  return e.name === 'TimeoutError' ? `no answer within ${OTLP_POST_TIMEOUT_MS} ms` : e.message;
};

/**
 * Writes and/or sends the run's stored trace as OTLP/JSON, as `--otlp` and `--otlp-endpoint` ask. Failures
 * come back as lines, never thrown, so the CLI prints them instead of a stack trace.
 */
export async function exportOtlp(
  engine: Engine,
  args: Pick<RunArgs, 'otlp' | 'otlpEndpoint'>,
  cwd: string,
): Promise<OtlpOutcome> {
  return exportOtlpOf(
    () => {
      const built = engineToOtlp(engine);
      const evicted = engine.trace.evicted();
      return {
        request: built.request,
        note:
          evicted > 0
            ? `OTLP: the trace store kept the last ${built.hops} hops; ${evicted} older ones are left out`
            : undefined,
      };
    },
    engine.trace.lastSeq() - engine.trace.firstSeq() + 1,
    args,
    cwd,
  );
}

/** The same for any trace (a broker run's): `build` makes the request, `hops` says how big it is in messages. */
export async function exportOtlpOf(
  build: () => { request: OtlpTraceRequest; note?: string },
  hops: number,
  args: Pick<RunArgs, 'otlp' | 'otlpEndpoint'>,
  cwd: string,
): Promise<OtlpOutcome> {
  const out: OtlpOutcome = { ok: true, lines: [] };
  if (args.otlp === undefined && args.otlpEndpoint === undefined) return out;
  let body: string;
  try {
    const built = build();
    if (built.note) out.lines.push(built.note);
    body = JSON.stringify(built.request);
  } catch (e) {
    // About 1 kB of JSON per hop: past half a million hops the text outgrows what one JS string can hold.
    const flag = args.otlp !== undefined ? '--otlp' : '--otlp-endpoint';
    return {
      ok: false,
      lines: [
        `${flag}: cannot build the OTLP export of ${hops} hops ` +
          `(${messageOf(e)}); stop the run earlier with --max-events or --until-ms`,
      ],
    };
  }

  if (args.otlp !== undefined) {
    try {
      await writeFile(resolve(cwd, args.otlp), body);
    } catch (e) {
      out.ok = false;
      out.lines.push(`--otlp: cannot write ${args.otlp}: ${messageOf(e)}`);
    }
  }
  if (args.otlpEndpoint !== undefined) {
    const url = otlpTracesUrl(args.otlpEndpoint);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(OTLP_POST_TIMEOUT_MS),
      });
      const detail = res.ok ? '' : `: ${(await res.text()).slice(0, 200).trim()}`;
      out.lines.push(`OTLP: POST ${url}: HTTP ${res.status}${detail}`);
      if (!res.ok) out.ok = false;
    } catch (e) {
      out.ok = false;
      out.lines.push(`--otlp-endpoint: cannot send to ${url}: ${messageOf(e)}`);
    }
  }
  return out;
}
