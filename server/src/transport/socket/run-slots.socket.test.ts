import { describe, expect, it } from 'vitest';
import { sessionTokenOf, streamFlow } from '../test-support.js';
import { send, startRun, useTestServer, value, waitFor } from './socket-support.js';

const startServer = useTestServer();

describe('run slots over real sockets', { timeout: 90_000 }, () => {
  it('holds a greedy session to its share while another session starts and its run carries on', async () => {
    const server = await startServer({
      tune: (deps) => ({ ...deps, runs: { ...deps.runs, maxRuns: 4, maxRunsPerOwner: 2 } }),
    });
    const greedy = await server.connect();
    const paused = { flow: streamFlow(50), paused: true };
    for (let i = 0; i < 2; i++) value(await send(greedy, 'run:start', paused));
    // A reconnecting tab (same token) is the same client: it gets no extra share.
    const again = await server.connect({ sessionToken: sessionTokenOf(greedy) });
    expect(await send(again, 'run:start', paused)).toMatchObject({ ok: false, code: 'run-limit' });
    expect(await send(greedy, 'run:start', paused)).toMatchObject({ ok: false, code: 'run-limit' });

    const polite = await server.connect();
    const { rec } = await startRun(polite, { flow: streamFlow(200) });
    await waitFor(() => rec.hops.length > 10, 20_000, "the polite client's hops");

    // The greedy client cannot squeeze the polite one out, whatever it tries.
    for (let i = 0; i < 5; i++)
      expect(await send(greedy, 'run:start', paused)).toMatchObject({ ok: false, code: 'run-limit' });
    const before = rec.hops.length;
    await waitFor(() => rec.hops.length > before + 10, 20_000, 'the polite run to keep streaming');
    expect(rec.states.every((s) => s.status !== 'failed' && s.status !== 'stopped')).toBe(true);
    again.close();
  });

  it('frees the slot of a run its owner stopped, so the owner can start again', async () => {
    const server = await startServer({
      tune: (deps) => ({ ...deps, runs: { ...deps.runs, maxRuns: 4, maxRunsPerOwner: 1 } }),
    });
    const client = await server.connect();
    const paused = { flow: streamFlow(50), paused: true };
    const { runId } = value(await send<{ runId: string }>(client, 'run:start', paused));
    const refused = await send(client, 'run:start', paused);
    expect(refused).toMatchObject({ ok: false, code: 'run-limit' });
    if (!refused.ok) expect(refused.message).toMatch(/has 1 live run \(at most 1/);
    value(await send(client, 'run:stop', { runId }));
    value(await send(client, 'run:start', paused));
  });
});
