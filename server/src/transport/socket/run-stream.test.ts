import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hop, TracePath } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../cli/run-command.js';
import { createEngine } from '../../engine/index.js';
import { chainFlow, sessionTokenOf, streamFlow } from '../test-support.js';
import {
  completedRun,
  lastState,
  parsed,
  record,
  send,
  startRun,
  useTestServer,
  value,
  waitFor,
} from './socket-support.js';

const startServer = useTestServer();

function directTrace(seed = 7): Hop[] {
  const engine = createEngine({ flow: parsed(chainFlow), seed });
  engine.run();
  return engine.trace.read(1, engine.trace.lastSeq());
}

async function cliTrace(seed: number): Promise<Hop[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'eventflow-cli-'));
  try {
    await writeFile(path.join(dir, 'chain.flow.json'), JSON.stringify(chainFlow));
    const result = await runCommand(
      ['chain.flow.json', '--seed', String(seed), '--trace', 'out.ndjson'],
      dir,
    );
    expect(result.exitCode).toBe(0);
    const text = await readFile(path.join(dir, 'out.ndjson'), 'utf8');
    return text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Hop);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('runs over socket.io', { timeout: 60_000 }, () => {
  it('steps hop by hop and streams exactly the hops the CLI writes', async () => {
    const server = await startServer();
    const client = await server.connect();
    const { rec, runId } = await startRun(client, { flow: chainFlow, paused: true });
    for (let i = 0; i < 25; i++)
      expect(value(await send(client, 'run:step', { runId }))).toEqual({ hops: 1 });
    expect(rec.hops.map((h) => h.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(value(await send(client, 'run:step', { runId, hops: 5000 }))).toEqual({
      hops: expect.any(Number),
    });
    await waitFor(() => lastState(rec) === 'completed', 15_000, 'completion');
    const cli = await cliTrace(7);
    expect(cli.length).toBeGreaterThan(100);
    expect(rec.hops).toEqual(cli);
    expect(rec.sampledBatches).toBe(0);
  });

  it('runs at 10× and as fast as possible with the same hops as a direct engine run', async () => {
    const server = await startServer();
    const client = await server.connect();
    const expected = directTrace();
    for (const speed of [10, 'max'] as const) {
      const { rec, runId } = await startRun(client, { flow: chainFlow, speed });
      await waitFor(() => lastState(rec) === 'completed', 15_000, `completion at ${speed}`);
      expect(rec.hops).toEqual(expected);
      expect(rec.metrics.length).toBeGreaterThan(0);
      const resync = value(
        await send<{ hops: Hop[]; complete: boolean }>(client, 'run:resync', { runId, fromSeq: 1 }),
      );
      expect(resync).toEqual({ hops: expected, complete: true });
    }
  });

  it('paces simulated time by wall time × speed', async () => {
    const server = await startServer();
    const client = await server.connect();
    const { rec, runId } = await startRun(client, { flow: streamFlow(100), speed: 2 });
    await waitFor(() => rec.states.some((s) => s.status === 'running'), 15_000, 'running');
    const wall0 = Date.now();
    await new Promise((r) => setTimeout(r, 1500));
    value(await send(client, 'run:pause', { runId }));
    const wall = Date.now() - wall0;
    const t = rec.states.at(-1)!.t;
    expect(t).toBeGreaterThan(wall * 2 * 0.6);
    expect(t).toBeLessThan(wall * 2 * 1.2 + 100);
  });

  it('pauses, advances by simulated ms and resumes without changing the trace', async () => {
    const server = await startServer();
    const client = await server.connect();
    const { rec, runId } = await startRun(client, { flow: chainFlow, speed: 2 });
    await waitFor(() => rec.hops.length > 10, 15_000, 'first hops');
    value(await send(client, 'run:pause', { runId }));
    expect(value(await send<{ t: number }>(client, 'run:advance', { runId, ms: 300 })).t).toBeGreaterThan(0);
    value(await send(client, 'run:speed', { runId, speed: 'max' }));
    value(await send(client, 'run:resume', { runId }));
    await waitFor(() => lastState(rec) === 'completed', 15_000, 'completion');
    expect(rec.hops).toEqual(directTrace());
  });

  it('applies a live node update: failureRate 1 makes processing fail from then on', async () => {
    const server = await startServer();
    const client = await server.connect();
    const { rec, runId } = await startRun(client, { flow: chainFlow, paused: true });
    value(await send(client, 'run:advance', { runId, ms: 500 }));
    expect(rec.hops.some((h) => h.type === 'failed')).toBe(false);
    const before = rec.hops.length;
    value(await send(client, 'node:update', { runId, nodeId: 'billing', config: { failureRate: 1 } }));
    value(await send(client, 'run:advance', { runId, ms: 1000 }));
    const after = rec.hops.slice(before);
    expect(after.filter((h) => h.type === 'failed' && h.node === 'billing').length).toBeGreaterThan(0);
    expect(after.filter((h) => h.type === 'processed' && h.node === 'billing')).toEqual([]);

    const bad = await send(client, 'node:update', { runId, nodeId: 'billing', config: { failureRate: 7 } });
    expect(bad).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(await send(client, 'node:update', { runId, nodeId: 'ghost', config: {} })).toMatchObject({
      ok: false,
      code: 'unknown-node',
    });
  });

  it('fires an event from a producer and returns the whole chained path with trace:get', async () => {
    const server = await startServer();
    const client = await server.connect();
    const { rec, runId } = await startRun(client, { flow: chainFlow, paused: true });
    const { eventId } = value(
      await send<{ eventId: string }>(client, 'producer:fire', {
        runId,
        nodeId: 'orders',
        data: { vip: true },
      }),
    );
    await waitFor(
      () => rec.hops.some((h) => h.event === eventId && h.type === 'produced'),
      15_000,
      'the fired event',
    );
    value(await send(client, 'run:advance', { runId, ms: 200 }));

    const path = value(await send<TracePath>(client, 'trace:get', { runId, eventId }));
    expect(path.truncated).toBe(false);
    expect(path.events[0]).toMatchObject({ id: eventId, type: 'OrderPlaced', data: { vip: true } });
    const child = path.events.find((e) => e.type === 'OrderBilled');
    expect(child).toMatchObject({ causationid: eventId });
    expect(path.hops.some((h) => h.event === child!.id && h.node === 'mailer' && h.type === 'acked')).toBe(
      true,
    );
    expect(path.hops.map((h) => h.seq)).toEqual([...path.hops.map((h) => h.seq)].sort((a, b) => a - b));

    const page = value(
      await send<{ events: { id: string }[]; total: number }>(client, 'trace:query', {
        runId,
        filter: { type: 'OrderBilled' },
      }),
    );
    expect(page.events.map((e) => e.id)).toContain(child!.id);
    expect(await send(client, 'trace:get', { runId, eventId: 'nope' })).toMatchObject({
      ok: false,
      code: 'unknown-event',
    });
    expect(await send(client, 'producer:fire', { runId, nodeId: 'mailer' })).toMatchObject({
      ok: false,
      code: 'unknown-node',
    });
  });

  it('resyncs a second client from a seq with nothing missing or doubled while the run goes on', async () => {
    const server = await startServer();
    const a = await server.connect();
    const { rec: recA, runId } = await startRun(a, { flow: chainFlow, speed: 3 });
    await waitFor(() => recA.hops.length > 20, 15_000, 'some hops');

    // A second tab of the same session: it may follow the run the first one started.
    const b = await server.connect({ sessionToken: sessionTokenOf(a) });
    const recB = record(b, { id: runId });
    const resync = value(
      await send<{ hops: Hop[]; complete: boolean }>(b, 'run:resync', { runId, fromSeq: 1 }),
    );
    expect(resync.complete).toBe(true);
    await waitFor(() => recB.states.length > 0, 15_000, 'the current state for the late joiner');
    await waitFor(
      () => lastState(recA) === 'completed' && lastState(recB) === 'completed',
      15_000,
      'completion',
    );
    const seen = [...resync.hops, ...recB.hops].map((h) => h.seq);
    const total = directTrace().length;
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  });

  it('replays a consumer group from an offset: its events are delivered again', async () => {
    const server = await startServer();
    const client = await server.connect();
    const { rec, runId } = await completedRun(client, { flow: chainFlow, speed: 'max' });
    const mailerDeliveries = () =>
      rec.hops.filter((h) => h.type === 'delivered' && h.node === 'mailer').length;
    expect(mailerDeliveries()).toBe(20);
    value(await send(client, 'group:replay', { runId, nodeId: 'mailer', fromOffset: 0 }));
    value(await send(client, 'run:advance', { runId, ms: 5000 }));
    expect(mailerDeliveries()).toBe(40);
    expect(await send(client, 'group:replay', { runId, nodeId: 'orders', fromOffset: 0 })).toMatchObject({
      ok: false,
      code: 'unknown-node',
    });
  });

  it('resets a run and reseeds it', async () => {
    const server = await startServer();
    const client = await server.connect();
    const { rec, runId } = await completedRun(client, { flow: chainFlow, speed: 'max' });
    value(await send(client, 'run:stop', { runId }));
    expect(await send(client, 'run:step', { runId })).toMatchObject({ ok: false });
    rec.hops.length = 0;
    value(await send(client, 'run:seed', { runId, seed: 99 }));
    expect(rec.states.at(-1)).toEqual({ status: 'paused', t: 0, reason: 'reset' });
    value(await send(client, 'run:speed', { runId, speed: 'max' }));
    value(await send(client, 'run:resume', { runId }));
    await waitFor(() => lastState(rec) === 'completed', 15_000, 'completion after reseed');
    expect(rec.hops).toEqual(directTrace(99));
  });
});
