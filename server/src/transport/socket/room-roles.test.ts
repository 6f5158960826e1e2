import type { Hop, RoomSnapshot } from '@eventflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestClient, type TestServer } from '../test-support.js';
import { controlCommands, validPayloads } from './ownership-support.js';
import { joinAs, roomInbox, startWorkshop, type RoomInbox, type Workshop } from './room-support.js';
import { lastState, record, send, value, waitFor, type Recorder } from './socket-support.js';

let server: TestServer;
let w: Workshop;
let attendee: TestClient;
let attendeeInbox: RoomInbox;
let presenterRun: Recorder;
let attendeeRun: Recorder;

beforeAll(async () => {
  server = await startTestServer();
  w = await startWorkshop(server);
  presenterRun = record(w.presenter, { id: w.runId });
  attendee = await server.connect();
  attendeeInbox = roomInbox(attendee);
  attendeeRun = record(attendee, { id: w.runId });
  const { snapshot } = await joinAs(attendee, w.code, 'Mallory');
  value(await send(attendee, 'run:watch', { runId: w.runId, viewKey: snapshot.run?.viewKey, fromSeq: 1 }));
}, 60_000);
afterAll(() => server.close());

async function observe() {
  const hops = value(
    await send<{ hops: Hop[] }>(w.presenter, 'run:resync', { runId: w.runId, fromSeq: 1 }),
  ).hops;
  const total = value(await send<{ total: number }>(w.presenter, 'trace:query', { runId: w.runId })).total;
  const { snapshot } = value(
    await send<{ snapshot: RoomSnapshot }>(w.presenter, 'room:sync', { code: w.code }),
  );
  return { hops, total, status: lastState(presenterRun), snapshot };
}

describe('the server enforces workshop roles', { timeout: 60_000 }, () => {
  it("refuses every attendee control command on the presenter's run, and the run is unchanged", async () => {
    const before = await observe();
    const payloads = validPayloads(w.runId);
    for (const name of controlCommands()) {
      expect(await send(attendee, name, payloads[name]), name).toEqual({
        ok: false,
        code: 'forbidden',
        message: `run ${w.runId} belongs to another session`,
      });
    }
    expect(await observe()).toEqual(before);
  });

  it('lets the attendee read and follow the run it watches', async () => {
    const seen = attendeeRun.hops.length;
    value(await send(w.presenter, 'run:step', { runId: w.runId, hops: 3 }));
    await waitFor(() => attendeeRun.hops.length >= seen + 3, 10_000, 'the stepped hops');
    expect(attendeeRun.hops.slice(-3)).toEqual(presenterRun.hops.slice(-3));
    expect(lastState(attendeeRun)).toBe('paused');
  });

  it('refuses every room control command from an attendee, and the room is unchanged', async () => {
    const before = await observe();
    const states = attendeeInbox.states.length;
    const forbidden = { ok: false, code: 'forbidden' };
    const attempts: [string, unknown][] = [
      ['room:presenter-state', { code: w.code, patch: { spotlight: 'store' } }],
      ['room:presenter-state', { code: w.code, patch: { runId: w.runId } }],
      ['room:presenter-state', { code: w.code, patch: { runId: null } }],
      ['room:presenter-state', { code: w.code, patch: { flow: { format: 'x' } } }],
      ['room:presenter-state', { code: w.code, patch: { viewport: { x: 0, y: 0, zoom: 2 } } }],
      ['room:pointer', { code: w.code, pointer: { x: 1, y: 1 } }],
      ['room:end', { code: w.code }],
      ['room:claim', { code: w.code, presenterKey: 'A'.repeat(32) }],
    ];
    for (const [name, payload] of attempts)
      expect(await send(attendee, name, payload), `${name} ${JSON.stringify(payload)}`).toMatchObject(
        forbidden,
      );
    expect(await observe()).toEqual(before);
    expect(attendeeInbox.states.length).toBe(states);
    expect(attendeeInbox.pointers).toEqual([]);
    expect(attendeeInbox.ended).toEqual([]);
  });
});
