import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiskFlowRepo, type DiskFlowRepoOptions } from '../../library/disk-flow-repo.js';
import { checkRestReply } from '../protocol-check.js';
import { chainFlow, startTestServer, type TestServer } from '../test-support.js';

let server: TestServer | undefined;
const scratch: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  await Promise.all(scratch.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function serve(repoOpts: Partial<DiskFlowRepoOptions> = {}): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'eventflow-rules-'));
  scratch.push(dir);
  let n = 0;
  const repo = await createDiskFlowRepo({
    dir,
    now: () => 1_700_000_000_000 + n,
    newId: () => `f-${++n}`,
    ...repoOpts,
  });
  server = await startTestServer({ tune: (d) => ({ ...d, repo }) });
}

async function api(method: string, route: string, body?: unknown) {
  const res = await fetch(`${server!.url}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  checkRestReply(method, route, res.status, json);
  return { status: res.status, json };
}

const create = async (name = 'A') =>
  (await api('POST', '/api/flows', { ...chainFlow, name })).json as { id: string; revision: number };

describe('REST revision rules', () => {
  it('refuses a revision that is not a JSON integer, naming the path and what it got', async () => {
    await serve();
    const { id } = await create();
    for (const [revision, message] of [
      ['0x4', 'expected number, received string'],
      ['4', 'expected number, received string'],
      [4.5, 'expected integer, received 4.5'],
      [0, 'must be an integer ≥ 1'],
      [null, 'expected number, received null'],
    ] as const) {
      const res = await api('PUT', `/api/flows/${id}`, { revision, flow: chainFlow });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ code: 'invalid-payload', message: `body.revision: ${message}` });
      expect(res.json!.problems).toEqual([{ path: 'body.revision', message, severity: 'error' }]);
    }
    expect((await api('GET', `/api/flows/${id}`)).json).toMatchObject({ revision: 1 });
  });

  it('reports wrong types as wrong types and unknown fields by name', async () => {
    await serve();
    const { id } = await create();
    const res = await api('PUT', `/api/flows/${id}`, { revision: 1, flow: 'not a flow', extra: true });
    expect(res.status).toBe(400);
    expect(res.json!.problems).toEqual([
      { path: 'body.flow', message: 'expected object, received string', severity: 'error' },
      { path: 'body.extra', message: 'is not a known field', severity: 'error' },
    ]);
    const flowTypes = await api('POST', '/api/flows', { ...chainFlow, name: 42 });
    expect(flowTypes.status).toBe(422);
    expect(flowTypes.json!.problems).toContainEqual(
      expect.objectContaining({ path: 'name', message: expect.not.stringContaining('required') }),
    );
  });

  it('requires the revision for writes and deletes: 428 when missing, 409 when stale', async () => {
    await serve();
    const { id } = await create();
    const put = await api('PUT', `/api/flows/${id}`, { flow: chainFlow });
    expect(put).toMatchObject({
      status: 428,
      json: { code: 'invalid-payload', message: expect.stringContaining('body.revision is required') },
    });
    const del = await api('DELETE', `/api/flows/${id}`);
    expect(del).toMatchObject({
      status: 428,
      json: { message: expect.stringContaining('?revision=N is required') },
    });
    for (const bad of ['0x4', '4.5', ' 1', '1e0', '-1']) {
      const res = await api('DELETE', `/api/flows/${id}?revision=${encodeURIComponent(bad)}`);
      expect(res).toMatchObject({
        status: 400,
        json: { code: 'invalid-payload', message: expect.stringMatching(/^query\.revision: /) },
      });
    }
    expect((await api('PUT', `/api/flows/${id}`, { revision: 1, flow: chainFlow })).status).toBe(200);
    expect(await api('DELETE', `/api/flows/${id}?revision=1`)).toMatchObject({
      status: 409,
      json: { code: 'conflict', revision: 2 },
    });
    expect((await api('DELETE', `/api/flows/${id}?revision=2`)).status).toBe(204);
    expect((await api('DELETE', `/api/flows/${id}?revision=2`)).status).toBe(404);
  });
});

describe('REST library quota', () => {
  it('refuses a flow past the count with 507 quota-exceeded, and takes one again after a delete', async () => {
    await serve({ maxFlows: 3 });
    const made = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => api('POST', '/api/flows', { ...chainFlow, name: `F${i}` })),
    );
    expect(made.map((r) => r.status).sort()).toEqual([201, 201, 201, 507, 507]);
    const refused = made.find((r) => r.status === 507)!;
    expect(refused.json).toMatchObject({
      code: 'quota-exceeded',
      message: expect.stringContaining('at most 3'),
    });
    const list = (await api('GET', '/api/flows')).json as unknown as { id: string; revision: number }[];
    expect(list).toHaveLength(3);
    expect((await api('DELETE', `/api/flows/${list[0]!.id}?revision=1`)).status).toBe(204);
    expect((await api('POST', '/api/flows', chainFlow)).status).toBe(201);
  });

  it('refuses writes past the byte budget, updates included', async () => {
    // Stored files hold the description twice (listing metadata and the document).
    await serve({ maxBytes: 10_000 });
    const { id } = await create();
    const big = { ...chainFlow, description: 'x'.repeat(3_000) };
    const second = await api('POST', '/api/flows', { ...chainFlow, description: 'x'.repeat(8_000) });
    expect(second).toMatchObject({
      status: 507,
      json: {
        code: 'quota-exceeded',
        message: expect.stringMatching(/would pass the 10 KB the library may hold/),
      },
    });
    const upd = await api('PUT', `/api/flows/${id}`, { revision: 1, flow: big });
    expect(upd.status).toBe(200);
    const grown = await api('PUT', `/api/flows/${id}`, {
      revision: 2,
      flow: { ...big, description: 'x'.repeat(5_000) },
    });
    expect(grown).toMatchObject({ status: 507, json: { code: 'quota-exceeded' } });
    expect((await api('GET', `/api/flows/${id}`)).json).toMatchObject({ revision: 2 });
  });
});
