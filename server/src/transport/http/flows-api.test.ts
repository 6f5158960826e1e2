import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRestReply } from '../protocol-check.js';
import { chainFlow, startTestServer, writeExample, type TestServer } from '../test-support.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function api(method: string, route: string, body?: unknown, raw?: string) {
  const res = await fetch(`${server!.url}${route}`, {
    method,
    headers: body === undefined && raw === undefined ? {} : { 'content-type': 'application/json' },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  // Every answer these tests see is held to the schema the client parses it with.
  checkRestReply(method, route, res.status, json);
  return { status: res.status, headers: res.headers, json };
}

describe('REST flow library', () => {
  it('answers health with security headers and a request id', async () => {
    server = await startTestServer();
    const res = await api('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ ok: true });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('creates, lists, reads, updates and deletes a flow', async () => {
    server = await startTestServer();
    const created = await api('POST', '/api/flows', chainFlow);
    expect(created.status).toBe(201);
    const { id, revision } = created.json as { id: string; revision: number };
    expect(revision).toBe(1);

    const list = await api('GET', '/api/flows');
    expect(list.json).toEqual([{ id, name: 'Orders and billing', revision: 1, updated: expect.any(Number) }]);

    const got = await api('GET', `/api/flows/${id}`);
    expect(got.json).toMatchObject({ id, revision: 1, flow: chainFlow });

    const renamed = { ...chainFlow, name: 'Renamed' };
    const put = await api('PUT', `/api/flows/${id}`, { revision: 1, flow: renamed });
    expect(put).toMatchObject({ status: 200, json: { id, revision: 2 } });
    expect((await api('GET', `/api/flows/${id}`)).json).toMatchObject({
      revision: 2,
      flow: { name: 'Renamed' },
    });

    expect((await api('DELETE', `/api/flows/${id}?revision=2`)).status).toBe(204);
    expect((await api('GET', `/api/flows/${id}`)).status).toBe(404);
    expect((await api('GET', '/api/flows')).json).toEqual([]);
  });

  it('refuses a stale update with 409 and keeps the newer work', async () => {
    server = await startTestServer();
    const { id } = (await api('POST', '/api/flows', chainFlow)).json as { id: string };
    expect(
      (await api('PUT', `/api/flows/${id}`, { revision: 1, flow: { ...chainFlow, name: 'First' } })).status,
    ).toBe(200);
    const stale = await api('PUT', `/api/flows/${id}`, {
      revision: 1,
      flow: { ...chainFlow, name: 'Second' },
    });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ code: 'conflict', revision: 2 });
    expect((await api('DELETE', `/api/flows/${id}?revision=1`)).status).toBe(409);
    expect((await api('GET', `/api/flows/${id}`)).json).toMatchObject({
      revision: 2,
      flow: { name: 'First' },
    });
  });

  it('lets exactly one of two concurrent updates from the same revision win', async () => {
    server = await startTestServer();
    const { id } = (await api('POST', '/api/flows', chainFlow)).json as { id: string };
    const results = await Promise.all(
      ['A', 'B', 'C'].map((name) =>
        api('PUT', `/api/flows/${id}`, { revision: 1, flow: { ...chainFlow, name } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

  it('validates flows: 200 with every problem, and refuses to store an invalid one', async () => {
    server = await startTestServer();
    const good = await api('POST', '/api/flows/validate', chainFlow);
    expect(good).toMatchObject({ status: 200, json: { ok: true } });
    const bad = { ...chainFlow, nodes: [{ id: 'x', kind: 'topic', config: { partitions: 0 } }] };
    const checked = await api('POST', '/api/flows/validate', bad);
    expect(checked.status).toBe(200);
    expect(checked.json).toMatchObject({ ok: false });
    expect(checked.json!.problems).toContainEqual(
      expect.objectContaining({ path: expect.stringContaining('partitions') }),
    );
    const stored = await api('POST', '/api/flows', bad);
    expect(stored).toMatchObject({ status: 422, json: { code: 'invalid-flow' } });
    expect(stored.json!.problems).toContainEqual(
      expect.objectContaining({ path: 'nodes[0].config.partitions' }),
    );
  });

  it('stores half-built work that fits the format, answering with its problems', async () => {
    server = await startTestServer();
    const unfinished = {
      ...chainFlow,
      edges: [...chainFlow.edges, { id: 'dangling', source: 'orders', target: 'nowhere' }],
    };
    const created = await api('POST', '/api/flows', unfinished);
    expect(created.status).toBe(201);
    expect(created.json!.problems).toContainEqual(
      expect.objectContaining({ path: 'edges[4].target', severity: 'error' }),
    );
    const back = await api('GET', `/api/flows/${String(created.json!.id)}`);
    expect(back.json!.flow).toEqual(unfinished);
  });

  it('answers bad requests with JSON errors, never HTML', async () => {
    server = await startTestServer();
    const malformed = await api('POST', '/api/flows', undefined, '{"format": ');
    expect(malformed).toMatchObject({ status: 400, json: { code: 'invalid-payload' } });
    const huge = await api('POST', '/api/flows/validate', {
      ...chainFlow,
      description: 'x'.repeat(300 * 1024),
    });
    expect(huge).toMatchObject({ status: 413, json: { code: 'too-large' } });
    expect((await api('GET', '/api/flows/..%2F..%2Fetc%2Fpasswd')).json).toMatchObject({ code: 'not-found' });
    expect((await api('PUT', '/api/flows/nope', { revision: 1, flow: chainFlow })).status).toBe(404);
    expect((await api('PUT', '/api/flows/nope', { flow: chainFlow })).json).toMatchObject({
      code: 'invalid-payload',
    });
    expect((await api('GET', '/api/nothing-here')).json).toMatchObject({ code: 'not-found' });
  });

  it('serves examples read-only with name and description', async () => {
    server = await startTestServer();
    await writeExample(server.examplesDir, 'fan-out', {
      ...chainFlow,
      name: 'Fan-out',
      description: 'Two groups',
    });
    const list = await api('GET', '/api/examples');
    expect(list.json).toEqual([{ id: 'fan-out', name: 'Fan-out', description: 'Two groups' }]);
    expect((await api('GET', '/api/examples/fan-out')).json).toMatchObject({
      id: 'fan-out',
      flow: { name: 'Fan-out' },
    });
    expect((await api('GET', '/api/examples/missing')).status).toBe(404);
    expect((await api('PUT', '/api/examples/fan-out', chainFlow)).status).toBe(404);
  });

  it('serves a page with an SPA fallback for client routes', async () => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/some/client/route`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
  });
});

describe('flow library on disk', () => {
  it('survives a restart with the same data dir and leaves no temp files', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'eventflow-data-'));
    try {
      server = await startTestServer({ dataDir });
      const { id } = (await api('POST', '/api/flows', chainFlow)).json as { id: string };
      await api('PUT', `/api/flows/${id}`, { revision: 1, flow: { ...chainFlow, name: 'Kept' } });
      await server.close();
      // What a crash between writing the temp file and the rename leaves behind.
      await writeFile(path.join(dataDir, `.${id}.json.abc123.tmp`), '{"half": ');

      server = await startTestServer({ dataDir });
      expect((await api('GET', '/api/flows')).json).toEqual([
        { id, name: 'Kept', revision: 2, updated: expect.any(Number) },
      ]);
      expect((await api('GET', `/api/flows/${id}`)).json).toMatchObject({
        revision: 2,
        flow: { ...chainFlow, name: 'Kept' },
      });
      expect(await readdir(dataDir)).toEqual([`${id}.json`]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
