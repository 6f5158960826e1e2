import {
  RECORDED_MAX_HOPS,
  RECORDED_UPLOAD_PATH,
  RecordedUploadReply,
  SESSION_HEADER,
  type Hop,
  type QueryReply,
  type TracePath,
} from '@eventflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastState, record, send, value, waitFor } from '../socket/socket-support.js';
import {
  chainFlow,
  sessionTokenOf,
  startTestServer,
  type TestClient,
  type TestServer,
} from '../test-support.js';

let server: TestServer;
const MAX_BYTES = 8 * 1024 * 1024;
beforeAll(async () => {
  server = await startTestServer({
    tune: (d) => ({
      ...d,
      runs: { ...d.runs, replyTimeoutMs: 30_000 },
      recordedUploads: { maxUploadBytes: MAX_BYTES },
    }),
  });
});
afterAll(() => server.close());

/** Every hop of a finished run of the chain flow, read back in full. */
async function chainHops(client: TestClient): Promise<Hop[]> {
  const run: { id?: string } = {};
  const rec = record(client, run);
  const runId = (run.id = value(
    await send<{ runId: string }>(client, 'run:start', { flow: chainFlow, paused: true }),
  ).runId);
  value(await send(client, 'run:advance', { runId, ms: 60_000 }));
  await waitFor(() => lastState(rec) === 'completed', 15_000, 'completion');
  const { hops } = value(await send<{ hops: Hop[] }>(client, 'run:resync', { runId, fromSeq: 1 }));
  value(await send(client, 'run:stop', { runId }));
  return hops;
}

/** The run's hops again and again, each copy's events renamed and later in time: a long recording of one flow. */
function repeated(hops: readonly Hop[], copies: number): Hop[] {
  const span = (hops.at(-1)?.t ?? 0) + 1;
  const out: Hop[] = [];
  for (let k = 0; k < copies; k++)
    for (const h of hops)
      out.push({
        ...h,
        seq: out.length + 1,
        t: h.t + k * span,
        event: `${h.event}.${k}`,
        ...(h.parent === undefined ? {} : { parent: `${h.parent}.${k}` }),
      });
  return out;
}

const ndjson = (hops: readonly Hop[]) => hops.map((h) => JSON.stringify(h)).join('\n') + '\n';

const upload = (body: string, headers: Record<string, string>) =>
  fetch(`${server.url}${RECORDED_UPLOAD_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', ...headers },
    body,
  });

describe('uploading a recorded trace too large for one socket message', { timeout: 90_000 }, () => {
  it('opens it for the uploading session only, once, and nobody else can open or drive the run', async () => {
    const alice = await server.connect();
    const bob = await server.connect();
    const once = await chainHops(alice);
    const copies = Math.ceil((RECORDED_MAX_HOPS * 1.5) / once.length);
    const hops = repeated(once, copies);
    expect(hops.length).toBeGreaterThan(RECORDED_MAX_HOPS);

    const res = await upload(ndjson(hops), { [SESSION_HEADER]: sessionTokenOf(alice) });
    expect(res.status).toBe(201);
    const reply = RecordedUploadReply.parse(await res.json());
    expect(reply.hops).toBe(hops.length);

    const stolen = await send(bob, 'run:start', { flow: chainFlow, recordedUpload: reply.uploadId });
    expect(stolen).toMatchObject({ ok: false, code: 'forbidden' });

    const run: { id?: string } = {};
    const rec = record(alice, run);
    const opened = await send<{ runId: string }>(alice, 'run:start', {
      flow: chainFlow,
      recordedUpload: reply.uploadId,
    });
    const runId = (run.id = value(opened).runId);
    await waitFor(() => lastState(rec) === 'completed', 30_000, 'the recorded run');

    const list = value(await send<QueryReply>(alice, 'trace:query', { runId, filter: {}, limit: 10 }));
    expect(list.total).toBe(new Set(hops.map((h) => h.event)).size);
    const last = hops.at(-1)!.event;
    const path = value(await send<TracePath>(alice, 'trace:get', { runId, eventId: last }));
    expect(path.hops.at(-1)).toEqual(hops.filter((h) => h.event === last).at(-1));

    // The handle was spent on the first open.
    const again = await send(alice, 'run:start', { flow: chainFlow, recordedUpload: reply.uploadId });
    expect(again).toMatchObject({ ok: false, code: 'not-found' });

    // The run answers only to its owner.
    expect(await send(bob, 'trace:get', { runId, eventId: last })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await send(bob, 'run:stop', { runId })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(lastState(rec)).toBe('completed');
  });

  it('names the line and the field of a malformed hop, and keeps nothing', async () => {
    const alice = await server.connect();
    const good = (seq: number): Hop => ({
      seq,
      t: seq,
      type: 'produced',
      event: `ev-${seq}`,
      trace: '0'.repeat(32),
      node: 'orders',
    });
    const body = [good(1), good(2)].map((h) => JSON.stringify(h)).join('\n');
    const bad = `${body}\n${JSON.stringify({ ...good(3), offset: 'three' })}\n`;
    const res = await upload(bad, { [SESSION_HEADER]: sessionTokenOf(alice) });
    expect(res.status).toBe(400);
    const err = (await res.json()) as {
      code: string;
      message: string;
      problems: { path: string; message: string }[];
    };
    expect(err.code).toBe('invalid-payload');
    expect(err.problems[0]).toMatchObject({
      path: 'line 3',
      message: expect.stringMatching(/^not a hop: offset: /),
    });
    expect(err.message).toMatch(/line 3 .*offset/);
    expect(server.app.runs.size()).toBeGreaterThanOrEqual(0);
  });

  it('refuses an upload without a session, from another origin, too large, or not NDJSON', async () => {
    const alice = await server.connect();
    const token = sessionTokenOf(alice);
    const line = JSON.stringify({
      seq: 1,
      t: 0,
      type: 'produced',
      event: 'e',
      trace: '0'.repeat(32),
      node: 'orders',
    });

    expect((await upload(line, {})).status).toBe(401);
    expect((await upload(line, { [SESSION_HEADER]: 'not-a-session' })).status).toBe(401);
    const foreign = await upload(line, { [SESSION_HEADER]: token, origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const json = await fetch(`${server.url}${RECORDED_UPLOAD_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', [SESSION_HEADER]: token },
      body: line,
    });
    expect(json.status).toBe(415);
    const huge = await upload(`${line}\n`.repeat(Math.ceil(MAX_BYTES / line.length) + 10), {
      [SESSION_HEADER]: token,
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { code: string }).code).toBe('too-large');
  });
});
