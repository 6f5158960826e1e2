import { request } from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, streamFlow, type TestClient, type TestServer } from '../test-support.js';
import { send, value, waitFor } from './socket-support.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const deep = (levels: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};

function pollHandshake(url: string): Promise<{ status: number; body: string }> {
  const { hostname, port, host } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, path: '/socket.io/?EIO=4&transport=polling', headers: { host } },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('per-address limits and robust acks', { timeout: 60_000 }, () => {
  it('holds one command budget for all the sockets of an address', async () => {
    const burst = 60;
    const perSecond = 30;
    server = await startTestServer({
      tune: (d) => ({ ...d, socket: { ...d.socket, addressRateLimit: { burst, perSecond } } }),
    });
    const s = server;
    const sockets = await Promise.all(Array.from({ length: 30 }, () => s.connectRaw()));
    const t0 = performance.now();
    // Before hello every admitted command answers no-session: what counts is how many were not rate-limited.
    const answers = await Promise.all(
      sockets.flatMap((c) => Array.from({ length: 101 }, () => send(c, 'run:step', { runId: 'r' }))),
    );
    const seconds = (performance.now() - t0) / 1000;
    const admitted = answers.filter((r) => r.ok || r.code !== 'rate-limited').length;
    expect(answers).toHaveLength(3030);
    expect(admitted).toBeGreaterThanOrEqual(burst);
    expect(admitted).toBeLessThanOrEqual(burst + Math.ceil(perSecond * seconds) + 1);
  });

  it('refuses the handshake beyond the per-address connection cap, and admits again once one closes', async () => {
    server = await startTestServer({
      tune: (d) => ({ ...d, socket: { ...d.socket, maxConnectionsPerAddress: 3 } }),
    });
    const s = server;
    // All at once: the handshakes overlap, and still only three get through.
    const attempts = await Promise.allSettled(Array.from({ length: 6 }, () => s.connectRaw()));
    const open = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    expect(open).toHaveLength(3);
    await expect(s.connectRaw()).rejects.toThrow();
    const polled = await pollHandshake(s.url);
    expect(polled.status).toBe(403);
    expect(polled.body).toContain('too many connections from 127.0.0.1 (at most 3 at once)');
    open[0]!.disconnect();
    // The server counts the slot free once it sees the close, a moment after the client disconnects.
    let again: TestClient | undefined;
    for (let attempt = 0; !again; attempt++) {
      again = await s.connectRaw().catch(() => undefined);
      if (!again && attempt > 100) throw new Error('the closed connection never freed its slot');
      if (!again) await new Promise((r) => setTimeout(r, 50));
    }
    expect(again?.connected).toBe(true);
  });

  it('answers a command sent with extra arguments exactly once, and one sent with none', async () => {
    server = await startTestServer();
    const c = await server.connect();
    const answers: unknown[] = [];
    const emit = c.emit.bind(c) as (...args: unknown[]) => void;
    emit('run:step', { runId: 'r' }, 'extra', 7, (r: unknown) => answers.push(r));
    emit('run:pause', (r: unknown) => answers.push(r));
    await waitFor(() => answers.length === 2, 5000, 'both answers');
    expect(answers).toEqual([
      {
        ok: false,
        code: 'invalid-payload',
        message: 'run:step takes one payload and an ack; got 3 payloads',
      },
      {
        ok: false,
        code: 'invalid-payload',
        message: 'run:pause takes one payload and an ack; got 0 payloads',
      },
    ]);
    expect(await send(c, 'run:step', { runId: 'r' })).toMatchObject({ ok: false, code: 'unknown-run' });
  });

  it('refuses deeply nested fired data and config at once, with a path, and logs no RangeError', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    server = await startTestServer({ tune: (d) => ({ ...d, log: pino({ level: 'debug' }, sink) }) });
    const c = await server.connect();
    const { runId } = value(
      await send<{ runId: string }>(c, 'run:start', { flow: streamFlow(10), paused: true }),
    );
    const t0 = performance.now();
    const fired = await send(c, 'producer:fire', { runId, nodeId: 'sensor', data: deep(2000) });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(fired).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(!fired.ok && fired.message).toMatch(/^data\.0\.0\.0.*: is nested deeper than 64 levels$/);
    const updated = await send(c, 'node:update', { runId, nodeId: 'store', config: { x: deep(500) } });
    expect(!updated.ok && updated.problems?.[0]?.path).toMatch(/^config\.x\.0\.0/);
    const started = await send(c, 'run:start', { flow: { nodes: deep(500) } });
    expect(started).toMatchObject({ ok: false, code: 'invalid-payload' });
    // The run is untouched and answers normally.
    expect(value(await send(c, 'run:step', { runId }))).toEqual({ hops: 1 });
    expect(
      value(await send<{ eventId: string }>(c, 'producer:fire', { runId, nodeId: 'sensor', data: deep(10) }))
        .eventId,
    ).toBeTruthy();
    expect(lines.join('')).not.toMatch(/RangeError|Maximum call stack/);
  });
});
