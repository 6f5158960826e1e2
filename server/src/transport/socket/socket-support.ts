import {
  parseFlow,
  type FlowDoc,
  type FlowDocInput,
  type Hop,
  type NodeMetrics,
  type Result,
  type RunSummary,
} from '@eventflow/shared';
import { afterEach } from 'vitest';
import { assertEventsFit, checkReply } from '../protocol-check.js';
import { startTestServer, type TestClient, type TestServer } from '../test-support.js';

/**
 * Emits a command and resolves with its ack, once the ack and every event the client was sent so far have
 * been checked against the shared protocol table (a reply or event that does not fit fails the test).
 */
export async function send<T = unknown>(
  client: TestClient,
  event: string,
  payload: unknown,
): Promise<Result<T>> {
  const answer = await new Promise<Result<T>>((resolve) => {
    (client.emit as (e: string, p: unknown, ack: (r: Result<T>) => void) => void)(event, payload, resolve);
  });
  checkReply(event, answer);
  assertEventsFit(client);
  return answer;
}

export function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.value;
}

export async function waitFor(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface Recorder {
  hops: Hop[];
  sampledBatches: number;
  states: { status: string; t: number; reason?: string }[];
  metrics: { t: number }[];
  /** The node metrics of the latest `run:metrics`. */
  nodes: Record<string, NodeMetrics>;
  /** The summary of the latest `run:state` that carried one. */
  summary?: RunSummary;
}

/** Records everything a client is sent for one run. */
export function record(client: TestClient, run: { id?: string }): Recorder {
  const rec: Recorder = { hops: [], sampledBatches: 0, states: [], metrics: [], nodes: {} };
  client.on('trace:hops', (e) => {
    if (e.runId !== run.id) return;
    rec.hops.push(...e.hops);
    if (e.sampled) rec.sampledBatches += 1;
  });
  client.on('run:state', (e) => {
    if (e.runId !== run.id) return;
    rec.states.push({ status: e.status, t: e.t, ...(e.reason ? { reason: e.reason } : {}) });
    if (e.summary) rec.summary = e.summary;
  });
  client.on('run:metrics', (e) => {
    if (e.runId !== run.id) return;
    rec.metrics.push({ t: e.t });
    rec.nodes = e.nodes;
  });
  return rec;
}

export function parsed(doc: FlowDocInput | unknown): FlowDoc {
  const r = parseFlow(doc);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return r.flow;
}

export const lastState = (rec: Recorder) => rec.states.at(-1)?.status;

/**
 * A test server per test, closed after it whether the test passed or not. Call it at the top of a test file:
 * `const startServer = useTestServer();`, then `const server = await startServer();` inside a test.
 */
export function useTestServer(): (opts?: Parameters<typeof startTestServer>[0]) => Promise<TestServer> {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return async (opts) => (server = await startTestServer(opts));
}

/** Starts a run (`start` is the `run:start` payload) and records what the client is sent for it. */
export async function startRun(
  client: TestClient,
  start: Record<string, unknown>,
): Promise<{ rec: Recorder; runId: string }> {
  const run: { id?: string } = {};
  const rec = record(client, run);
  const runId = (run.id = value(await send<{ runId: string }>(client, 'run:start', start)).runId);
  return { rec, runId };
}

/** A run started as `startRun` does, once the server has said it completed. */
export async function completedRun(
  client: TestClient,
  start: Record<string, unknown>,
  timeoutMs = 15_000,
): Promise<{ rec: Recorder; runId: string }> {
  const started = await startRun(client, start);
  await waitFor(() => lastState(started.rec) === 'completed', timeoutMs, 'completion');
  return started;
}
