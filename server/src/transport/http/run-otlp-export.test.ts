import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  OtlpTraceRequest,
  SESSION_HEADER,
  parseFlow,
  traceOtlpExportPath,
  type FlowDocInput,
} from '@eventflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/index.js';
import { engineToOtlp } from '../../standards/otlp-engine.js';
import { decodeOtlpJson } from '../../standards/otlp-proto-support.js';
import { lastState, record, send, value, waitFor } from '../socket/socket-support.js';
import { sessionTokenOf, startTestServer, type TestClient, type TestServer } from '../test-support.js';

const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples');
const SEED = 5;
const MAX_HOPS = 150;

async function runToCompletion(client: TestClient, flow: unknown): Promise<string> {
  const run: { id?: string } = {};
  const rec = record(client, run);
  run.id = value(
    await send<{ runId: string }>(client, 'run:start', { flow, seed: SEED, speed: 'max' }),
  ).runId;
  await waitFor(() => lastState(rec) === 'completed', 30_000, 'the run to complete');
  return run.id;
}

const exportOtlp = (server: TestServer, runId: string, headers: Record<string, string>) =>
  fetch(`${server.url}${traceOtlpExportPath(runId)}`, { headers });

describe('GET /api/runs/:runId/trace.otlp.json', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      examplesDir,
      tune: (d) => ({ ...d, otlpExportMaxHops: MAX_HOPS }),
    });
  });
  afterAll(() => server.close());

  it('is what traceToOtlp makes of the same run, valid per the OpenTelemetry protos, named .otlp.json', async () => {
    const client = await server.connect();
    const raw: unknown = JSON.parse(
      await readFile(path.join(examplesDir, 'compensated-saga.flow.json'), 'utf8'),
    );
    const runId = await runToCompletion(client, raw);
    const res = await exportOtlp(server, runId, { [SESSION_HEADER]: sessionTokenOf(client) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const parsed = parseFlow(raw);
    if (!parsed.ok) throw new Error('the example is invalid');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${parsed.flow.name}-${runId}.otlp.json"`,
    );
    const body: unknown = await res.json();
    expect(decodeOtlpJson(body).object).toEqual(body);

    // The same flow and seed in a local engine, cut to the newest MAX_HOPS as the route is told to.
    const engine = createEngine({ flow: parsed.flow, seed: SEED });
    engine.run();
    const last = engine.trace.lastSeq();
    expect(last).toBeGreaterThan(MAX_HOPS);
    expect(body).toEqual(engineToOtlp(engine, MAX_HOPS).request);
    expect(res.headers.get('x-eventflow-first-seq')).toBe(String(last - MAX_HOPS + 1));
    expect(res.headers.get('x-eventflow-last-seq')).toBe(String(last));
  }, 60_000);

  it('the whole trace when it fits, one service per node', async () => {
    const client = await server.connect();
    const flow: FlowDocInput = {
      format: 'eventflow.flow',
      version: 1,
      name: 'small',
      nodes: [
        { id: 'p', kind: 'producer', label: 'Shop', config: { eventType: 'Order', rate: 100, count: 5 } },
        { id: 't', kind: 'topic', config: {} },
        { id: 'c', kind: 'consumer', label: 'Billing', config: {} },
      ],
      edges: [
        { id: 'e1', source: 'p', target: 't' },
        { id: 'e2', source: 't', target: 'c' },
      ],
    };
    const runId = await runToCompletion(client, flow);
    const res = await exportOtlp(server, runId, { [SESSION_HEADER]: sessionTokenOf(client) });
    const body = OtlpTraceRequest.parse(await res.json());
    expect(res.headers.get('x-eventflow-first-seq')).toBe('1');
    expect(body.resourceSpans.map((rs) => rs.resource.attributes[0]?.value)).toEqual([
      { stringValue: 'Shop' },
      { stringValue: 't' },
      { stringValue: 'Billing' },
    ]);
    const traces = new Set(body.resourceSpans.flatMap((rs) => rs.scopeSpans[0]?.spans.map((s) => s.traceId)));
    expect(traces.size).toBe(5);
  }, 60_000);

  it('only for the run’s owner: 403 for another session, 401 without one, 404 and 400 as the NDJSON export', async () => {
    const owner = await server.connect();
    const other = await server.connect();
    const runId = await runToCompletion(
      owner,
      JSON.parse(await readFile(path.join(examplesDir, 'saga.flow.json'), 'utf8')) as unknown,
    );
    const forbidden = await exportOtlp(server, runId, { [SESSION_HEADER]: sessionTokenOf(other) });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({
      code: 'forbidden',
      message: `run ${runId} belongs to another session`,
    });
    expect((await exportOtlp(server, runId, {})).status).toBe(401);
    const token = { [SESSION_HEADER]: sessionTokenOf(owner) };
    const missing = await exportOtlp(server, 'no-such-run', token);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: 'unknown-run', message: 'no run no-such-run' });
    expect((await exportOtlp(server, 'x'.repeat(65), token)).status).toBe(400);
    expect((await exportOtlp(server, runId, token)).status).toBe(200);
  }, 60_000);
});
