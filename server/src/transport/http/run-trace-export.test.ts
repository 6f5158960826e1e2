import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SESSION_HEADER, type FlowDocInput, type Hop } from '@eventflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import { lastState, record, send, value, waitFor } from '../socket/socket-support.js';
import { sessionTokenOf, startTestServer, type TestClient, type TestServer } from '../test-support.js';

const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples');
const SEED = 5;

/** Starts a run at full speed and resolves with its id once it has completed. */
async function runToCompletion(client: TestClient, flow: unknown, seed = SEED): Promise<string> {
  const run: { id?: string } = {};
  const rec = record(client, run);
  run.id = value(await send<{ runId: string }>(client, 'run:start', { flow, seed, speed: 'max' })).runId;
  await waitFor(
    () => lastState(rec) === 'completed' || lastState(rec) === 'failed',
    30_000,
    'the run to complete',
  );
  expect(lastState(rec)).toBe('completed');
  return run.id;
}

const traceUrl = (server: TestServer, runId: string) =>
  `${server.url}/api/runs/${encodeURIComponent(runId)}/trace.ndjson`;

/** The export as the client's session asks for it. */
const exportTrace = (server: TestServer, client: TestClient, runId: string) =>
  fetch(traceUrl(server, runId), { headers: { [SESSION_HEADER]: sessionTokenOf(client) } });

const parseLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Hop);

/** Finite: `count` events, each produced, published, delivered and processed, so about 5 hops per event. */
const manyHops = (count: number): FlowDocInput => ({
  format: 'eventflow.flow',
  version: 1,
  name: 'Many / "hops"',
  nodes: [
    { id: 'sensor', kind: 'producer', config: { eventType: 'Reading', rate: 1000, count } },
    { id: 'readings', kind: 'topic', config: { partitions: 2 } },
    { id: 'store', kind: 'consumer', config: { instances: 2, processingMs: 0.1 } },
  ],
  edges: [
    { id: 's1', source: 'sensor', target: 'readings' },
    { id: 's2', source: 'readings', target: 'store' },
  ],
});

describe('GET /api/runs/:runId/trace.ndjson, small pages', () => {
  let server: TestServer;
  let scratch = '';
  beforeAll(async () => {
    // An odd page size, so page boundaries fall everywhere in the examples' traces.
    server = await startTestServer({ examplesDir, tune: (d) => ({ ...d, traceExportPageHops: 97 }) });
    scratch = await mkdtemp(path.join(tmpdir(), 'eventflow-export-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('streams examples byte for byte as `eventflow run --trace` writes it for the same seed', async () => {
    const client = await server.connect();
    // The longest traces plus retries, chaining and routing; every example would add a minute to the suite.
    const files = ['iot-sensors', 'retention-expiry', 'retries-dead-letter', 'saga', 'content-routing'].map(
      (id) => `${id}.flow.json`,
    );
    expect((await readdir(examplesDir)).filter((f) => files.includes(f)).length).toBe(files.length);
    for (const file of files) {
      const flowPath = path.join(examplesDir, file);
      const cliTrace = path.join(scratch, `${file}.ndjson`);
      const cli = await runCli(['run', flowPath, '--seed', String(SEED), '--trace', cliTrace]);
      expect(cli.exitCode, cli.stderr).toBe(0);
      const expected = await readFile(cliTrace);

      const flow: unknown = JSON.parse(await readFile(flowPath, 'utf8'));
      const runId = await runToCompletion(client, flow);
      const res = await exportTrace(server, client, runId);
      expect(res.status, file).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.toString('utf8'), file).toBe(expected.toString('utf8'));
      expect(body.equals(expected), file).toBe(true);
      // More than one page, so the paging itself is what was compared.
      expect(parseLines(body.toString('utf8')).length, file).toBeGreaterThan(97);
      value(await send(client, 'run:stop', { runId }));
    }
  }, 180_000);

  it('names the download after the flow and run and says where the stored trace starts', async () => {
    const client = await server.connect();
    const flow = manyHops(40);
    const runId = await runToCompletion(client, flow);
    const res = await exportTrace(server, client, runId);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Many _ \\"hops\\"-${runId}.trace.ndjson"`,
    );
    expect(res.headers.get('x-eventflow-first-seq')).toBe('1');
    expect(res.headers.get('x-eventflow-evicted')).toBe('0');
    const hops = parseLines(await res.text());
    expect(res.headers.get('x-eventflow-last-seq')).toBe(String(hops.length));
    expect(hops.map((h) => h.seq)).toEqual(hops.map((_, i) => i + 1));
  }, 60_000);

  it('answers 404 unknown-run for a run that does not exist, 400 for a malformed id', async () => {
    const client = await server.connect();
    const missing = await exportTrace(server, client, 'no-such-run');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: 'unknown-run', message: 'no run no-such-run' });
    const malformed = await exportTrace(server, client, 'x'.repeat(65));
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { code: string }).code).toBe('invalid-payload');
  });

  it('survives a client that hangs up mid-stream, and the run stays exportable', async () => {
    const client = await server.connect();
    const runId = await runToCompletion(client, manyHops(2000));
    const res = await exportTrace(server, client, runId);
    const reader = res.body?.getReader();
    expect(reader).toBeDefined();
    await reader?.read();
    await reader?.cancel();
    const again = await exportTrace(server, client, runId);
    expect(again.status).toBe(200);
    const hops = parseLines(await again.text());
    expect(hops.length).toBe(Number(again.headers.get('x-eventflow-last-seq')));
  }, 60_000);
});

describe('GET /api/runs/:runId/trace.ndjson, default pages and a bounded store', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      tune: (d) => ({ ...d, runs: { ...d.runs, limits: { ...d.runs.limits, storeCapacity: 30_000 } } }),
    });
  });
  afterAll(() => server.close());

  it('streams a trace longer than one 10,000-hop page in seq order', async () => {
    const client = await server.connect();
    const runId = await runToCompletion(client, manyHops(4000));
    const res = await exportTrace(server, client, runId);
    const hops = parseLines(await res.text());
    expect(hops.length).toBeGreaterThan(10_000);
    expect(hops.length).toBe(Number(res.headers.get('x-eventflow-last-seq')));
    expect(hops.every((h, i) => h.seq === i + 1)).toBe(true);
  }, 60_000);

  it('starts at the oldest stored hop and reports how many were evicted', async () => {
    const client = await server.connect();
    const runId = await runToCompletion(client, manyHops(8000));
    const res = await exportTrace(server, client, runId);
    const first = Number(res.headers.get('x-eventflow-first-seq'));
    const evicted = Number(res.headers.get('x-eventflow-evicted'));
    const last = Number(res.headers.get('x-eventflow-last-seq'));
    expect(evicted).toBeGreaterThan(0);
    expect(first).toBeGreaterThan(1);
    const hops = parseLines(await res.text());
    expect(hops[0]?.seq).toBe(first);
    expect(hops.at(-1)?.seq).toBe(last);
    expect(hops.length).toBeLessThanOrEqual(30_000);
  }, 60_000);
});
