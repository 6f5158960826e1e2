import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hop } from '@eventflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/index.js';
import { startTestServer, type TestServer } from '../test-support.js';
import { lastState, parsed, record, send, value, waitFor } from './socket-support.js';

const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples');
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ examplesDir });
});
afterAll(() => server.close());

describe('every example loaded over REST runs over the socket exactly as the engine runs it', () => {
  it('lists the examples', async () => {
    const list = (await (await fetch(`${server.url}/api/examples`)).json()) as { id: string; name: string }[];
    expect(list.length).toBeGreaterThanOrEqual(12);
  });

  it('advances each example 2 s of simulated time and resyncs the identical trace', async () => {
    const list = (await (await fetch(`${server.url}/api/examples`)).json()) as { id: string }[];
    const client = await server.connect();
    for (const { id } of list) {
      const { flow } = (await (await fetch(`${server.url}/api/examples/${id}`)).json()) as { flow: unknown };
      const run: { id?: string } = {};
      const rec = record(client, run);
      const runId = (run.id = value(
        await send<{ runId: string }>(client, 'run:start', { flow, paused: true, seed: 11 }),
      ).runId);
      value(await send(client, 'run:advance', { runId, ms: 2000 }));
      await waitFor(() => lastState(rec) !== 'running', 15_000, `${id} to settle`);
      const resync = value(
        await send<{ hops: Hop[]; complete: boolean }>(client, 'run:resync', { runId, fromSeq: 1 }),
      );

      const engine = createEngine({ flow: parsed(flow), seed: 11 });
      engine.advanceTo(2000);
      const expected = engine.trace.read(1, engine.trace.lastSeq());
      expect(resync.complete, id).toBe(true);
      expect(resync.hops, id).toEqual(expected);
      value(await send(client, 'run:stop', { runId }));
    }
  }, 120_000);
});
