import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunSummary } from '@eventflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/index.js';
import { startTestServer, type TestServer } from '../test-support.js';
import { parsed, send, value, waitFor } from './socket-support.js';

const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples');
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ examplesDir });
});
afterAll(() => server.close());

describe('run:state carries the run summary', () => {
  it('when a run pauses and when it completes, with the engine’s exact per-group figures', async () => {
    const { flow } = (await (await fetch(`${server.url}/api/examples/exactly-once-idempotency`)).json()) as {
      flow: unknown;
    };
    const client = await server.connect();
    const states: { status: string; summary?: RunSummary }[] = [];
    let runId = '';
    client.on('run:state', (e) => {
      if (e.runId === runId) states.push({ status: e.status, ...(e.summary ? { summary: e.summary } : {}) });
    });
    runId = value(await send<{ runId: string }>(client, 'run:start', { flow, paused: true, seed: 5 })).runId;
    value(await send(client, 'run:advance', { runId, ms: 1000 }));
    await waitFor(() => states.some((s) => s.status === 'paused' && s.summary?.simulatedMs === 1000));
    const engine = createEngine({ flow: parsed(flow), seed: 5 });
    engine.advanceTo(1000);
    const paused = states.find((s) => s.summary?.simulatedMs === 1000)!;
    expect(paused.summary).toEqual(engine.summary());
    expect(paused.summary!.groups.map((g) => g.group)).toEqual(['ledger-idempotent', 'ledger-naive']);

    value(await send(client, 'run:advance', { runId, ms: 60_000 }));
    await waitFor(() => states.at(-1)?.status === 'completed', 15_000, 'completed');
    engine.advanceTo(61_000);
    const done = states.at(-1)!.summary!;
    expect(done).toEqual(engine.summary());
    expect(done.groups.find((g) => g.group === 'ledger-naive')!.duplicatesProcessed).toBeGreaterThan(0);
    value(await send(client, 'run:stop', { runId }));
  }, 60_000);
});
