import { SESSION_HEADER, type Hop } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { sessionTokenOf, streamFlow, type TestClient, type TestServer } from '../test-support.js';
import { controlCommands, readCommands, validPayloads } from './ownership-support.js';
import { lastState, record, send, startRun, useTestServer, value, waitFor } from './socket-support.js';

const startServer = useTestServer();

const exportStatus = async (s: TestServer, runId: string, headers: Record<string, string>) => {
  const res = await fetch(`${s.url}/api/runs/${runId}/trace.ndjson`, { headers });
  const text = await res.text();
  const json = res.headers.get('content-type')?.startsWith('application/json') ?? false;
  return { status: res.status, body: json ? (JSON.parse(text) as unknown) : text };
};

async function start(client: TestClient, payload: Record<string, unknown>) {
  return value(await send<{ runId: string; flowRevision: string }>(client, 'run:start', payload));
}

describe('sessions and run ownership', { timeout: 60_000 }, () => {
  it('answers no-session to every command before session:hello', async () => {
    const server = await startServer();
    const raw = await server.connectRaw();
    const names = ['run:start', 'run:watch', ...Object.keys(validPayloads('r'))];
    for (const name of names) {
      expect(await send(raw, name, validPayloads('r')[name] ?? {}), name).toMatchObject({
        ok: false,
        code: 'no-session',
        message: `say session:hello before ${name}`,
      });
    }
  });

  it("refuses a second session every control and read of another's run, and the run carries on unchanged", async () => {
    const server = await startServer();
    const owner = await server.connect();
    const { rec: recOwner, runId } = await startRun(owner, { flow: streamFlow(200), speed: 1 });
    await waitFor(() => recOwner.hops.length > 5, 15_000, 'the run to get going');

    const other = await server.connect();
    const recOther = record(other, { id: runId });
    const payloads = validPayloads(runId);
    for (const name of [...controlCommands(), ...readCommands()]) {
      expect(await send(other, name, payloads[name]), name).toEqual({
        ok: false,
        code: 'forbidden',
        message: `run ${runId} belongs to another session`,
      });
    }
    expect(await send(other, 'run:watch', { runId, viewKey: 'x'.repeat(32), fromSeq: 1 })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });

    expect(await exportStatus(server, runId, { [SESSION_HEADER]: sessionTokenOf(other) })).toEqual({
      status: 403,
      body: { code: 'forbidden', message: `run ${runId} belongs to another session` },
    });
    expect((await exportStatus(server, runId, {})).status).toBe(401);
    expect(await exportStatus(server, runId, { [SESSION_HEADER]: 'a'.repeat(32) })).toMatchObject({
      status: 401,
      body: { code: 'no-session' },
    });

    // Still running at its speed, never paused, reset or reseeded, and the other session saw none of it.
    const seen = recOwner.hops.length;
    await waitFor(() => recOwner.hops.length > seen + 5, 15_000, 'more hops for the owner');
    expect(recOwner.states.map((s) => s.status)).not.toContain('paused');
    expect(lastState(recOwner)).toBe('running');
    const seqs = recOwner.hops.map((h) => h.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(recOther.hops).toEqual([]);
    expect(recOther.states).toEqual([]);
    expect((await exportStatus(server, runId, { [SESSION_HEADER]: sessionTokenOf(owner) })).status).toBe(200);
  });

  it('keeps ownership across a reconnect with the same token, and loses it once the session expired', async () => {
    const server = await startServer({ tune: (d) => ({ ...d, sessions: { ...d.sessions, ttlMs: 300 } }) });
    const first = await server.connect();
    const token = sessionTokenOf(first);
    const { runId } = await start(first, { flow: streamFlow(50), paused: true });
    first.disconnect();

    const again = await server.connect({ sessionToken: token });
    expect(sessionTokenOf(again)).toBe(token);
    expect(value(await send(again, 'run:step', { runId }))).toEqual({ hops: 1 });
    const stranger = await server.connect();
    expect(await send(stranger, 'run:step', { runId })).toMatchObject({ ok: false, code: 'forbidden' });
    again.disconnect();

    await new Promise((r) => setTimeout(r, 600));
    const late = await server.connect({ sessionToken: token });
    expect(sessionTokenOf(late)).not.toBe(token);
    expect(await send(late, 'run:step', { runId })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('share then watch gives read-only access: stream, resync, trace and export, but no control', async () => {
    const server = await startServer();
    const owner = await server.connect();
    const run: { id?: string } = {};
    const recOwner = record(owner, run);
    const started = await start(owner, { flow: streamFlow(100), paused: true });
    const runId = (run.id = started.runId);
    value(await send(owner, 'run:advance', { runId, ms: 200 }));
    const viewer = await server.connect();
    expect(await send(viewer, 'run:share', { runId })).toMatchObject({ ok: false, code: 'forbidden' });
    const { viewKey } = value(await send<{ viewKey: string }>(owner, 'run:share', { runId }));
    expect(value(await send<{ viewKey: string }>(owner, 'run:share', { runId })).viewKey).toBe(viewKey);

    const recViewer = record(viewer, run);
    const watched = value(
      await send<{ hops: Hop[]; complete: boolean; flowRevision: string }>(viewer, 'run:watch', {
        runId,
        viewKey,
        fromSeq: 1,
      }),
    );
    expect(watched.flowRevision).toBe(started.flowRevision);
    expect(watched.complete).toBe(true);
    expect(watched.hops).toEqual(recOwner.hops);

    value(await send(owner, 'run:advance', { runId, ms: 200 }));
    await waitFor(
      () => recViewer.hops.length > 0 && recViewer.hops.length === recOwner.hops.length - watched.hops.length,
      15_000,
      'the viewer to follow',
    );
    const payloads = validPayloads(runId);
    for (const name of readCommands()) {
      const answer = await send(viewer, name, payloads[name]);
      // Not forbidden: a read of an event or a node the run does not have is all a viewer may be told.
      if (!answer.ok) expect(['unknown-event', 'unknown-node'], name).toContain(answer.code);
    }
    const before = value(await send<{ total: number }>(owner, 'trace:query', { runId })).total;
    for (const name of controlCommands()) {
      expect(await send(viewer, name, payloads[name]), name).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(value(await send<{ total: number }>(owner, 'trace:query', { runId })).total).toBe(before);
    expect(lastState(recOwner)).toBe('paused');
    expect((await exportStatus(server, runId, { [SESSION_HEADER]: sessionTokenOf(viewer) })).status).toBe(
      200,
    );
  });
});
