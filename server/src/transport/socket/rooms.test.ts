import {
  RoomClaimed,
  RoomCreated,
  RoomJoined,
  RoomSynced,
  type Hop,
  type RoomSnapshot,
} from '@eventflow/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { streamFlow, startTestServer, sessionTokenOf, type TestServer } from '../test-support.js';
import { joinAs, roomInbox, startWorkshop } from './room-support.js';
import { parsed, send, value, waitFor } from './socket-support.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('workshop rooms: create, join, follow', { timeout: 60_000 }, () => {
  it('creates a room and lets attendees join by code, typed loosely, with a sanitised name', async () => {
    server = await startTestServer();
    const w = await startWorkshop(server);
    expect(RoomCreated.parse(w.created).snapshot).toMatchObject({
      code: w.code,
      // 1 when created, 2 once the presenter's socket is counted in it.
      version: 2,
      presenterName: 'Ada Lovelace',
      presenterConnected: true,
      flow: parsed(streamFlow(100)),
      run: null,
      attendeeCount: 0,
    });
    const presenterInbox = roomInbox(w.presenter);
    const attendee = await server.connect();
    const typed = `${w.code.slice(0, 3).toLowerCase()}-${w.code.slice(3)}`;
    const joined = RoomJoined.parse(await joinAs(attendee, typed, '  Grace\u0007 \u202EHopper  '));
    expect(joined).toMatchObject({ attendeeId: 'attendee-1', resumed: false });
    expect(joined.snapshot).toMatchObject({ code: w.code, attendeeCount: 1, run: { runId: w.runId } });
    expect(JSON.stringify(joined)).not.toContain(w.presenterKey);
    await waitFor(() => presenterInbox.attendees.length > 0, 5000, 'the attendee list');
    expect(presenterInbox.attendees.at(-1)).toEqual([
      { id: 'attendee-1', name: 'Grace Hopper', connected: true },
    ]);
    expect(presenterInbox.states.at(-1)).toMatchObject({ kind: 'delta', delta: { attendeeCount: 1 } });
  });

  it('answers a wrong, malformed or expired code clearly', async () => {
    server = await startTestServer({
      tune: (d) => ({ ...d, rooms: { idleTtlMs: 200, sweepMs: 50 } }),
    });
    const w = await startWorkshop(server);
    const attendee = await server.connect();
    const wrong = w.code === '222222' ? '333333' : '222222';
    expect(await send(attendee, 'room:join', { code: wrong, name: 'Eve' })).toEqual({
      ok: false,
      code: 'unknown-room',
      message: `no workshop has the code ${wrong}: check it, or the workshop has ended`,
    });
    expect(await send(attendee, 'room:join', { code: 'OOOOOO', name: 'Eve' })).toMatchObject({
      ok: false,
      code: 'invalid-payload',
      message: expect.stringContaining('no 0, O, 1, I or L') as string,
    });
    expect(await send(attendee, 'room:join', { code: w.code, name: ' \u0000 ' })).toMatchObject({
      ok: false,
      code: 'invalid-payload',
    });
    w.presenter.disconnect();
    await new Promise((r) => setTimeout(r, 500));
    expect(await send(attendee, 'room:join', { code: w.code, name: 'Late' })).toMatchObject({
      ok: false,
      code: 'unknown-room',
    });
  });

  it('limits failed join attempts per address, right code included once the budget is spent', async () => {
    server = await startTestServer({
      tune: (d) => ({ ...d, rooms: { joinLimit: { burst: 3, perSecond: 2 } } }),
    });
    const w = await startWorkshop(server);
    const guesser = await server.connect();
    const wrong = w.code === '222222' ? '333333' : '222222';
    for (let i = 0; i < 3; i++)
      expect(await send(guesser, 'room:join', { code: wrong, name: 'G' })).toMatchObject({
        code: 'unknown-room',
      });
    const limited = { ok: false, code: 'rate-limited' };
    expect(await send(guesser, 'room:join', { code: wrong, name: 'G' })).toMatchObject(limited);
    // Another socket of the same address shares the budget, and the key is guarded the same way.
    const other = await server.connect();
    expect(await send(other, 'room:join', { code: w.code, name: 'G' })).toMatchObject(limited);
    expect(await send(other, 'room:claim', { code: w.code, presenterKey: w.presenterKey })).toMatchObject(
      limited,
    );
    await new Promise((r) => setTimeout(r, 600));
    expect(value(await send<RoomJoined>(other, 'room:join', { code: w.code, name: 'G' })).resumed).toBe(
      false,
    );
  });

  it('gives a late joiner the run, its state, speed, the selection, viewport, spotlight and recall count at once', async () => {
    server = await startTestServer();
    const w = await startWorkshop(server);
    const presenterHops: Hop[] = value(
      await send<{ hops: Hop[] }>(w.presenter, 'run:resync', { runId: w.runId, fromSeq: 1 }),
    ).hops;
    const selection = { eventId: presenterHops[0]!.event, hopSeq: presenterHops[0]!.seq };
    const follow = { selection, viewport: { x: -40, y: 12, zoom: 1.5 }, spotlight: 'readings' };
    value(await send(w.presenter, 'room:presenter-state', { code: w.code, patch: follow }));
    value(
      await send(w.presenter, 'room:presenter-state', { code: w.code, patch: { recall: true, speed: 0.5 } }),
    );
    value(await send(w.presenter, 'room:pointer', { code: w.code, pointer: { x: 10, y: 20 } }));

    const late = await server.connect();
    const { snapshot } = await joinAs(late, w.code, 'Late');
    expect(snapshot.follow).toEqual({ ...follow, pointer: { x: 10, y: 20 }, recall: 1, speed: 0.5 });
    expect(snapshot.run).toMatchObject({ runId: w.runId, state: { status: 'paused', t: 200 } });
    expect(snapshot.run?.flowRevision).toBe(snapshot.flowRevision);
    const watched = value(
      await send<{ hops: Hop[] }>(late, 'run:watch', {
        runId: w.runId,
        viewKey: snapshot.run?.viewKey,
        fromSeq: 1,
      }),
    );
    expect(watched.hops).toEqual(presenterHops);
  });

  it('fans presenter changes out as versioned deltas, and the pointer on its own', async () => {
    server = await startTestServer();
    const w = await startWorkshop(server);
    const attendee = await server.connect();
    const inbox = roomInbox(attendee);
    const { snapshot } = await joinAs(attendee, w.code, 'A');
    const { version } = value(
      await send<{ version: number }>(w.presenter, 'room:presenter-state', {
        code: w.code,
        patch: { selection: { eventId: 'ev-3', hopSeq: null }, spotlight: 'store' },
      }),
    );
    expect(version).toBe(snapshot.version + 1);
    value(await send(w.presenter, 'room:pointer', { code: w.code, pointer: { x: 1, y: 2 } }));
    value(await send(w.presenter, 'room:presenter-state', { code: w.code, patch: { runId: null } }));
    await waitFor(() => inbox.states.length >= 2 && inbox.pointers.length === 1, 5000, 'the deltas');
    expect(inbox.states).toEqual([
      {
        code: w.code,
        version,
        kind: 'delta',
        delta: { follow: { selection: { eventId: 'ev-3', hopSeq: null }, spotlight: 'store' } },
      },
      { code: w.code, version: version + 1, kind: 'delta', delta: { run: null } },
    ]);
    expect(inbox.pointers).toEqual([{ x: 1, y: 2 }]);
  });

  it('attaches only a run the presenter owns, and refuses a flow with problems', async () => {
    server = await startTestServer();
    const w = await startWorkshop(server);
    const stranger = await server.connect();
    const { runId: theirs } = value(
      await send<{ runId: string }>(stranger, 'run:start', { flow: streamFlow(5), paused: true }),
    );
    expect(
      await send(w.presenter, 'room:presenter-state', { code: w.code, patch: { runId: theirs } }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    expect(
      await send(w.presenter, 'room:presenter-state', { code: w.code, patch: { flow: { format: 'nope' } } }),
    ).toMatchObject({ ok: false, code: 'invalid-flow' });
    const synced = RoomSynced.parse(value(await send(w.presenter, 'room:sync', { code: w.code })));
    expect(synced.snapshot.run?.runId).toBe(w.runId);
  });
});

describe('workshop rooms: ending and reconnecting', { timeout: 60_000 }, () => {
  it('tells every attendee when the presenter ends the workshop, and the code is dead', async () => {
    server = await startTestServer();
    const w = await startWorkshop(server);
    const attendees = await Promise.all([1, 2, 3].map(() => server!.connect()));
    const inboxes = attendees.map(roomInbox);
    for (const [i, a] of attendees.entries()) await joinAs(a, w.code, `A${i}`);
    value(await send(w.presenter, 'room:end', { code: w.code }));
    await waitFor(() => inboxes.every((i) => i.ended.length === 1), 5000, 'every attendee to hear');
    for (const inbox of inboxes) expect(inbox.ended).toEqual([{ code: w.code, reason: 'ended' }]);
    expect(await send(attendees[0]!, 'room:sync', { code: w.code })).toMatchObject({ code: 'unknown-room' });
    expect(await send(w.presenter, 'room:end', { code: w.code })).toMatchObject({ code: 'unknown-room' });
  });

  it('resumes an attendee who reconnects with the same session, with a fresh snapshot', async () => {
    server = await startTestServer();
    const w = await startWorkshop(server);
    const presenterInbox = roomInbox(w.presenter);
    const first = await server.connect();
    const token = sessionTokenOf(first);
    const joined = await joinAs(first, w.code, 'Grace');
    first.disconnect();
    await waitFor(() => presenterInbox.attendees.at(-1)?.[0]?.connected === false, 5000, 'disconnected');
    value(await send(w.presenter, 'room:presenter-state', { code: w.code, patch: { spotlight: 'store' } }));

    const again = await server.connect({ sessionToken: token });
    const resumed = await joinAs(again, w.code, 'Grace');
    expect(resumed).toMatchObject({ attendeeId: joined.attendeeId, resumed: true });
    expect(resumed.snapshot).toMatchObject({ attendeeCount: 1, follow: { spotlight: 'store' } });
    await waitFor(() => presenterInbox.attendees.at(-1)?.[0]?.connected === true, 5000, 'connected again');
  });

  it('gives control back to a presenter who reconnects with the key, under a new session or the same', async () => {
    server = await startTestServer();
    const w = await startWorkshop(server);
    const token = sessionTokenOf(w.presenter);
    const attendee = await server.connect();
    const inbox = roomInbox(attendee);
    await joinAs(attendee, w.code, 'A');
    w.presenter.disconnect();
    await waitFor(() => inbox.states.some((s) => s.kind === 'delta' && s.delta.presenterConnected === false));

    const sameSession = await server.connect({ sessionToken: token });
    const synced = value(await send<{ snapshot: RoomSnapshot }>(sameSession, 'room:sync', { code: w.code }));
    expect(synced.snapshot.presenterConnected).toBe(true);
    value(await send(sameSession, 'room:presenter-state', { code: w.code, patch: { spotlight: 'sensor' } }));
    sameSession.disconnect();

    const newSession = await server.connect();
    expect(
      await send(newSession, 'room:presenter-state', { code: w.code, patch: { spotlight: null } }),
    ).toMatchObject({ code: 'forbidden' });
    expect(
      await send(newSession, 'room:claim', { code: w.code, presenterKey: 'k'.repeat(32) }),
    ).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const claimed = RoomClaimed.parse(
      value(await send(newSession, 'room:claim', { code: w.code, presenterKey: w.presenterKey })),
    );
    expect(claimed.attendees).toEqual([{ id: 'attendee-1', name: 'A', connected: true }]);
    expect(claimed.snapshot).toMatchObject({ presenterConnected: true, follow: { spotlight: 'sensor' } });
    value(await send(newSession, 'room:presenter-state', { code: w.code, patch: { spotlight: null } }));
    await waitFor(() => inbox.states.some((s) => s.kind === 'delta' && s.delta.follow?.spotlight === null));
    expect(inbox.states.filter((s) => s.kind === 'delta').map((s) => s.version)).toEqual(
      inbox.states.map((_, i) => (inbox.states[0]?.version ?? 0) + i),
    );
  });
});
