import { randomUUID } from 'node:crypto';
import { RoomCreated, RoomJoined, type Hop } from '@eventflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, streamFlow, type TestClient } from '../../test-support.js';
import { roomInbox } from '../room-support.js';
import { send, value, waitFor } from '../socket-support.js';
import { REDIS_URL, redisReachable, startServerProcess, type ServerProcess } from './cluster-support.js';

const redisUp = await redisReachable();
// On a developer machine without Redis the file says why it skips; in CI a missing Redis is a failure.
const skip = !redisUp && !process.env.CI;
const title = skip
  ? `rooms across two server processes (skipped: no Redis at ${REDIS_URL} and CI is not set)`
  : 'rooms across two server processes through the Redis adapter';

describe.skipIf(skip)(title, { timeout: 60_000 }, () => {
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  const clients: TestClient[] = [];
  const client = async (server: ServerProcess | undefined) => {
    if (!server) throw new Error('the server did not start');
    const c = await connectClient(server.url);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    if (!redisUp) throw new Error(`CI needs Redis at ${REDIS_URL} for this test`);
    // A prefix of its own: another run of this file (or a real server) on the same Redis is never heard.
    const env = { EVENTFLOW_REDIS_URL: REDIS_URL, EVENTFLOW_REDIS_PREFIX: `eventflow-test-${randomUUID()}` };
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('an attendee on the other process joins by code, follows the run and the presenter, and cannot control them', async () => {
    const presenter = await client(a);
    const flow = streamFlow(100);
    const { runId } = value(await send<{ runId: string }>(presenter, 'run:start', { flow, paused: true }));
    value(await send(presenter, 'run:advance', { runId, ms: 200 }));
    const { code } = RoomCreated.parse(value(await send(presenter, 'room:create', { flow })));
    value(await send(presenter, 'room:presenter-state', { code, patch: { runId } }));
    const presenterInbox = roomInbox(presenter);

    const attendee = await client(b);
    const inbox = roomInbox(attendee);
    const hops: Hop[] = [];
    attendee.on('trace:hops', (e) => hops.push(...e.hops));
    const states: string[] = [];
    attendee.on('run:state', (e) => states.push(e.status));

    const joined = RoomJoined.parse(value(await send(attendee, 'room:join', { code, name: 'Grace' })));
    expect(joined.resumed).toBe(false);
    expect(joined.snapshot).toMatchObject({ code, attendeeCount: 1, run: { runId } });
    expect(joined.snapshot.run?.state?.status).toBe('paused');
    await waitFor(
      () => presenterInbox.attendees.at(-1)?.[0]?.connected === true,
      10_000,
      'the presenter on A to see the attendee on B',
    );
    expect(presenterInbox.attendees.at(-1)).toEqual([{ id: 'attendee-1', name: 'Grace', connected: true }]);

    // The run lives on A; watching it from B gets its recent hops and then its stream.
    const run = joined.snapshot.run;
    if (!run) throw new Error('the snapshot names no run');
    const watched = value(
      await send<{ hops: Hop[]; complete: boolean }>(attendee, 'run:watch', {
        runId,
        viewKey: run.viewKey,
        fromSeq: 1,
      }),
    );
    expect(watched.hops.length).toBeGreaterThan(0);
    const heldSeq = watched.hops.at(-1)?.seq ?? 0;
    await waitFor(() => states.includes('paused'), 10_000, 'the run state on B');
    const stepped = value(await send<{ hops: number }>(presenter, 'run:step', { runId, hops: 3 }));
    expect(stepped).toBeDefined();
    await waitFor(() => hops.some((h) => h.seq > heldSeq), 10_000, 'the stepped hops on B');
    expect(hops.filter((h) => h.seq > heldSeq).map((h) => h.seq)).toEqual([
      heldSeq + 1,
      heldSeq + 2,
      heldSeq + 3,
    ]);

    // The presenter's selection reaches B as the next versioned delta.
    const version = joined.snapshot.version;
    const selection = { eventId: hops[0]?.event ?? 'ev-1', hopSeq: heldSeq + 1 };
    value(await send(presenter, 'room:presenter-state', { code, patch: { selection } }));
    await waitFor(
      () => inbox.states.some((s) => s.kind === 'delta' && s.delta.follow?.selection !== undefined),
      10_000,
      'the selection delta on B',
    );
    const delta = inbox.states.find((s) => s.kind === 'delta' && s.delta.follow?.selection !== undefined);
    expect(delta).toMatchObject({ code, kind: 'delta', delta: { follow: { selection } } });
    expect(delta?.version).toBeGreaterThan(version);

    // Role checks hold across: B forwards them to A, which refuses them as for its own sockets.
    for (const [command, payload] of [
      ['run:pause', { runId }],
      ['run:step', { runId }],
      ['run:stop', { runId }],
    ] as const) {
      expect(await send(attendee, command, payload)).toMatchObject({
        ok: false,
        code: 'forbidden',
        message: `run ${runId} belongs to another session`,
      });
    }
    expect(
      await send(attendee, 'room:presenter-state', { code, patch: { spotlight: 'sensor' } }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send(attendee, 'room:end', { code })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send(attendee, 'room:join', { code: 'ZZZZZZ', name: 'Eve' })).toMatchObject({
      ok: false,
      code: 'unknown-room',
    });
    const after = value(
      await send<{ snapshot: { follow: { spotlight: unknown } } }>(attendee, 'room:sync', { code }),
    );
    expect(after.snapshot.follow.spotlight).toBeNull();

    // The presenter ends the workshop on A; the attendee on B is told.
    value(await send(presenter, 'room:end', { code }));
    await waitFor(() => inbox.ended.length > 0, 10_000, 'room:ended on B');
    expect(inbox.ended).toEqual([{ code, reason: 'ended' }]);
    expect(await send(attendee, 'room:sync', { code })).toMatchObject({ ok: false, code: 'unknown-room' });
  });

  it('an attendee leaving B is seen as disconnected by the presenter on A', async () => {
    const presenter = await client(a);
    const flow = streamFlow(10);
    const { code } = RoomCreated.parse(value(await send(presenter, 'room:create', { flow })));
    const presenterInbox = roomInbox(presenter);
    const attendee = await client(b);
    value(await send(attendee, 'room:join', { code, name: 'Linus' }));
    await waitFor(() => presenterInbox.attendees.at(-1)?.[0]?.connected === true, 10_000, 'the join');
    attendee.disconnect();
    await waitFor(
      () => presenterInbox.attendees.at(-1)?.[0]?.connected === false,
      10_000,
      'the disconnect to reach A',
    );
    expect(presenterInbox.attendees.at(-1)).toEqual([{ id: 'attendee-1', name: 'Linus', connected: false }]);
  });
});
