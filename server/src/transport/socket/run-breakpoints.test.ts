import type { BreakpointHit, Hop } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { fanOut } from '../../runs/breakpoint-support.js';
import type { TestClient } from '../test-support.js';
import { send, startRun, useTestServer, value, waitFor } from './socket-support.js';

const startServer = useTestServer();

const bigOrders = {
  id: 'b1',
  name: 'big order',
  node: 'billing',
  condition: 'data.total > 100 && type == "OrderPlaced"',
  enabled: true,
};

function listen(client: TestClient, run: { id?: string }) {
  const seen = { hops: [] as Hop[], hits: [] as BreakpointHit[], reasons: [] as string[] };
  client.on('trace:hops', (e) => {
    if (e.runId === run.id) seen.hops.push(...e.hops);
  });
  client.on('run:state', (e) => {
    if (e.runId !== run.id) return;
    if (e.reason) seen.reasons.push(e.reason);
    if (e.breakpoint) seen.hits.push(e.breakpoint);
  });
  return seen;
}

describe('run:breakpoints', { timeout: 60_000 }, () => {
  it('pauses the run at the matching hop and says why; Continue goes on to the next', async () => {
    const server = await startServer();
    const owner = await server.connect();
    const run: { id?: string } = {};
    const seen = listen(owner, run);
    const { runId } = value(
      await send<{ runId: string }>(owner, 'run:start', { flow: fanOut(), speed: 'max', paused: true }),
    );
    run.id = runId;
    expect(await send(owner, 'run:breakpoints', { runId, breakpoints: [bigOrders] })).toEqual({
      ok: true,
      value: { enabled: 1 },
    });
    value(await send(owner, 'run:resume', { runId }));
    await waitFor(() => seen.hits.length === 1, 15_000, 'the pause');
    const hit = seen.hits[0]!;
    expect(seen.reasons.at(-1)).toBe('breakpoint: big order');
    await waitFor(() => seen.hops.at(-1)?.seq === hit.seq, 5000, 'the hop itself');
    const path = value(await send<{ hops: Hop[] }>(owner, 'trace:get', { runId, eventId: hit.event }));
    expect(path.hops.find((h) => h.seq === hit.seq)).toMatchObject({ node: 'billing', type: 'delivered' });

    value(await send(owner, 'run:resume', { runId }));
    await waitFor(() => seen.hits.length === 2, 15_000, 'the next pause');
    expect(seen.hits[1]!.seq).toBeGreaterThan(hit.seq);
  });

  it('is for the owner only, and refuses a bad condition with its path and column', async () => {
    const server = await startServer();
    const owner = await server.connect();
    const { runId } = await startRun(owner, { flow: fanOut(), speed: 1, paused: true });
    const other = await server.connect();
    expect(await send(other, 'run:breakpoints', { runId, breakpoints: [bigOrders] })).toEqual({
      ok: false,
      code: 'forbidden',
      message: `run ${runId} belongs to another session`,
    });
    const bad = await send(owner, 'run:breakpoints', {
      runId,
      breakpoints: [bigOrders, { ...bigOrders, id: 'b2', condition: 'data.total >> 1' }],
    });
    expect(bad).toMatchObject({
      ok: false,
      code: 'invalid-payload',
      problems: [{ path: 'breakpoints.1.condition', severity: 'error' }],
    });
    expect(!bad.ok && bad.message).toMatch(/^breakpoints\.1\.condition: .* at column \d+$/);
    // Shape errors are refused at the socket, before the worker.
    const dup = await send(owner, 'run:breakpoints', { runId, breakpoints: [bigOrders, bigOrders] });
    expect(dup).toMatchObject({
      ok: false,
      code: 'invalid-payload',
      problems: [{ path: 'breakpoints.1.id' }],
    });
    const extra = await send(owner, 'run:breakpoints', { runId, breakpoints: [{ ...bigOrders, js: '1' }] });
    expect(extra).toMatchObject({ ok: false, code: 'invalid-payload' });
  });
});
