import { ReplayFile, type Hop } from '@eventflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainFlow, startTestServer, type TestClient, type TestServer } from '../test-support.js';
import { send, value } from './socket-support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function allHops(client: TestClient, runId: string): Promise<Hop[]> {
  const r = value(
    await send<{ hops: Hop[]; complete: boolean }>(client, 'run:resync', { runId, fromSeq: 1 }),
  );
  expect(r.complete).toBe(true);
  return r.hops;
}

describe('run:export-replay', () => {
  it('shares a run that another session reproduces hop for hop, live edits and fired events included', async () => {
    const alice = await server.connect();
    const { runId } = value(
      await send<{ runId: string }>(alice, 'run:start', { flow: chainFlow, paused: true }),
    );
    value(await send(alice, 'run:advance', { runId, ms: 250 }));
    value(await send(alice, 'run:step', { runId, hops: 5 }));
    value(await send(alice, 'producer:fire', { runId, nodeId: 'orders', data: { vip: true } }));
    value(
      await send(alice, 'node:update', {
        runId,
        nodeId: 'mailer',
        config: { processingMs: 40, failureRate: 0.3 },
      }),
    );
    value(await send(alice, 'run:advance', { runId, ms: 400 }));
    value(await send(alice, 'group:replay', { runId, nodeId: 'billing', fromTime: 100 }));
    value(await send(alice, 'run:step', { runId, hops: 3 }));
    // Pacing, stepping, speed and reads are not commands to the engine: only the three above are recorded.
    value(await send(alice, 'run:speed', { runId, speed: 4 }));
    const file = ReplayFile.parse(value(await send(alice, 'run:export-replay', { runId })));
    expect(file.script.commands.map((c) => c.command.op)).toEqual(['fire', 'update', 'replay-time']);
    const original = await allHops(alice, runId);
    expect(file.lastSeq).toBe(original.at(-1)?.seq);

    // Through text, as a downloaded file travels, to a session on its own.
    const shared = ReplayFile.parse(JSON.parse(JSON.stringify(file)));
    const bob = await server.connect();
    const replayed = value(
      await send<{ runId: string }>(bob, 'run:start', {
        flow: shared.flow,
        seed: shared.seed,
        paused: true,
        replay: shared.script,
      }),
    );
    expect(JSON.stringify(await allHops(bob, replayed.runId))).toBe(JSON.stringify(original));

    // Both go on alike, and the replayed run can be shared again with the same commands.
    value(await send(alice, 'run:advance', { runId, ms: 60_000 }));
    value(await send(bob, 'run:advance', { runId: replayed.runId, ms: 60_000 }));
    expect(JSON.stringify(await allHops(bob, replayed.runId))).toBe(
      JSON.stringify(await allHops(alice, runId)),
    );
    const again = ReplayFile.parse(value(await send(bob, 'run:export-replay', { runId: replayed.runId })));
    expect(again.script.commands).toEqual(file.script.commands);
  });

  it('records a topic outage taken by hand, and the replay loses the same events at the same hops', async () => {
    const alice = await server.connect();
    const { runId } = value(
      await send<{ runId: string }>(alice, 'run:start', { flow: chainFlow, paused: true }),
    );
    value(await send(alice, 'run:advance', { runId, ms: 420 }));
    value(await send(alice, 'run:step', { runId, hops: 2 }));
    value(await send(alice, 'run:topic-outage', { runId, nodeId: 'order-events', down: true }));
    value(await send(alice, 'run:advance', { runId, ms: 500 }));
    value(await send(alice, 'run:topic-outage', { runId, nodeId: 'order-events', down: false }));
    value(await send(alice, 'run:advance', { runId, ms: 60_000 }));
    const file = ReplayFile.parse(value(await send(alice, 'run:export-replay', { runId })));
    expect(file.script.commands.map((c) => c.command)).toEqual([
      { op: 'outage', nodeId: 'order-events', down: true },
      { op: 'outage', nodeId: 'order-events', down: false },
    ]);
    const original = await allHops(alice, runId);
    // The outage changed the run: orders produced while the broker was down were never published.
    expect(original.filter((h) => h.type === 'publish-failed').length).toBeGreaterThan(0);

    const bob = await server.connect();
    const shared = ReplayFile.parse(JSON.parse(JSON.stringify(file)));
    const replayed = value(
      await send<{ runId: string }>(bob, 'run:start', {
        flow: shared.flow,
        seed: shared.seed,
        paused: true,
        replay: shared.script,
      }),
    );
    expect(JSON.stringify(await allHops(bob, replayed.runId))).toBe(JSON.stringify(original));
  });

  it('a script that does not fit the flow fails the run with the reason; a reset forgets the commands', async () => {
    const client = await server.connect();
    const states: { status: string; reason?: string }[] = [];
    client.on('run:state', (e) =>
      states.push({ status: e.status, ...(e.reason ? { reason: e.reason } : {}) }),
    );
    const bad = {
      commands: [{ at: { t: 5, tasks: 1, seq: 1 }, command: { op: 'fire', nodeId: 'no-such-node' } }],
      end: { t: 10, tasks: 2, seq: 2 },
    };
    value(await send(client, 'run:start', { flow: chainFlow, paused: true, replay: bad }));
    await expect
      .poll(() => states.at(-1))
      .toMatchObject({
        status: 'failed',
        reason: expect.stringMatching(/replay does not fit.*commands\[0\]/),
      });

    const { runId } = value(
      await send<{ runId: string }>(client, 'run:start', { flow: chainFlow, paused: true }),
    );
    value(await send(client, 'producer:fire', { runId, nodeId: 'orders' }));
    value(await send(client, 'run:reset', { runId }));
    const file = ReplayFile.parse(value(await send(client, 'run:export-replay', { runId })));
    expect(file.script.commands).toEqual([]);
  });

  it('is refused to a session the run was not shared with', async () => {
    const owner = await server.connect();
    const other = await server.connect();
    const { runId } = value(
      await send<{ runId: string }>(owner, 'run:start', { flow: chainFlow, paused: true }),
    );
    expect(await send(other, 'run:export-replay', { runId })).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
