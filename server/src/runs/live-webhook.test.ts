import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FlowDocInput, Hop, ReplayFile } from '@eventflow/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { value, waitFor } from '../transport/socket/socket-support.js';
import { start, startTestRuns, type TestRuns } from './run-test-support.js';

let t: TestRuns | undefined;
let server: Server;
let base = '';
/** Requests received, per path, with what they carried. */
let hits: Record<string, { type: string | undefined; id: unknown }[]> = {};

async function bodyOf(req: IncomingMessage): Promise<{ id?: unknown }> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return JSON.parse(text) as { id?: unknown };
}

beforeEach(async () => {
  hits = {};
  server = createServer((req, res) => {
    void bodyOf(req).then((body) => {
      const path = req.url ?? '';
      const seen = (hits[path] ??= []);
      seen.push({ type: req.headers['content-type'], id: body.id });
      if (path === '/bad') return res.writeHead(400).end();
      // First a server error, then no answer (a timeout), then delivered.
      if (path === '/flaky' && seen.length === 1) return res.writeHead(503).end();
      if (path === '/flaky' && seen.length === 2) return; // left hanging: the attempt times out
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await t?.runs.close();
  t = undefined;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const hooks = (): FlowDocInput => ({
  format: 'eventflow.flow',
  version: 1,
  name: 'Live hooks',
  nodes: [
    { id: 'p', kind: 'producer', config: { eventType: 'Order', rate: 10, count: 1 } },
    { id: 't', kind: 'topic' },
    {
      id: 'flaky',
      kind: 'webhook',
      config: { endpoint: 'real', url: `${base}/flaky`, timeoutMs: 300, maxAttempts: 4, backoffMs: 10 },
    },
    { id: 'bad', kind: 'webhook', config: { endpoint: 'real', url: `${base}/bad`, maxAttempts: 4 } },
  ],
  edges: [
    { id: 'e1', source: 'p', target: 't' },
    { id: 'e2', source: 't', target: 'flaky' },
    { id: 'e3', source: 't', target: 'bad' },
  ],
});

const hopsOf = (runs: TestRuns, runId: string): Hop[] =>
  (runs.streams.get(runId) ?? []).flatMap((m) => (m.kind === 'hops' ? m.hops : []));
const outcomes = (hops: Hop[], node: string) =>
  hops.filter((h) => h.node === node && h.type !== 'delivered').map((h) => [h.type, h.status ?? null]);

describe('live webhooks through the run service', { timeout: 60_000 }, () => {
  it('POSTs the CloudEvent to an allowed URL; 503 and a timeout are retried, 400 is not; a replay calls nothing', async () => {
    t = startTestRuns({ webhookAllow: [`${base}/`] });
    const { runId } = value(await start(t.runs, 'A', hooks(), { speed: 'max', paused: false }));
    await waitFor(() => t!.runs.lastState(runId)?.status === 'completed', 20_000, 'completed');

    expect(hits['/flaky']).toHaveLength(3);
    expect(hits['/bad']).toEqual([{ type: 'application/cloudevents+json', id: 'e1' }]);
    const hops = hopsOf(t, runId);
    expect(outcomes(hops, 'flaky')).toEqual([
      ['failed', 503],
      ['retry-scheduled', 503],
      ['failed', null],
      ['retry-scheduled', null],
      ['acked', 200],
    ]);
    expect(outcomes(hops, 'bad')).toEqual([
      ['failed', 400],
      ['dropped', 400],
    ]);

    const shared = value(await t.runs.command(runId, { op: 'export' })) as ReplayFile;
    expect(shared.script.commands.filter((c) => c.command.op === 'webhook-response')).toHaveLength(4);
    const replay = value(
      await start(t.runs, 'B', shared.flow, { seed: shared.seed, replay: shared.script }),
    ).runId;
    await waitFor(() => t!.runs.lastState(replay)?.status === 'completed', 20_000, 'replayed');
    expect(hopsOf(t, replay)).toEqual(hops);
    expect([hits['/flaky']?.length, hits['/bad']?.length]).toEqual([3, 1]);
  });

  it('refuses at the start a run whose real webhook is not on the allow-list, naming the node and URL', async () => {
    t = startTestRuns({ webhookAllow: ['http://127.0.0.1:1/elsewhere/'] });
    const r = await start(t.runs, 'A', hooks());
    expect(r).toMatchObject({ ok: false, code: 'invalid-flow' });
    const problems = r.ok ? [] : (r.problems ?? []);
    expect(problems.map((p) => p.path)).toEqual(['nodes[2].config.url', 'nodes[3].config.url']);
    expect(problems[0]!.message).toContain(`webhook 'flaky'`);
    expect(problems[0]!.message).toContain(`${base}/flaky is not in this server's EVENTFLOW_WEBHOOK_ALLOW`);
    expect(hits).toEqual({});
  });

  it('allows nothing real by default', async () => {
    t = startTestRuns();
    const r = await start(t.runs, 'A', hooks());
    expect(!r.ok && r.problems?.[0]?.message).toMatch(/empty: no real endpoint is allowed/);
  });
});
