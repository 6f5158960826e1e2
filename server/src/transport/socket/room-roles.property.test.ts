import fc from 'fast-check';
import { COMMAND_NAMES, RUN_ACCESS, type Hop, type RoomSnapshot } from '@eventflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestClient, type TestServer } from '../test-support.js';

import { readCommands, validPayloads } from './ownership-support.js';
import { joinAs, startWorkshop, type Workshop } from './room-support.js';
import { lastState, record, send, value, type Recorder } from './socket-support.js';

let server: TestServer;
let w: Workshop;
let attendee: TestClient;
let viewKey: string;
let rec: Recorder;

beforeAll(async () => {
  // Generous join budget: the property sends many joins with made-up codes on purpose.
  server = await startTestServer({
    tune: (d) => ({ ...d, rooms: { joinLimit: { burst: 10_000, perSecond: 1000 } } }),
  });
  w = await startWorkshop(server);
  rec = record(w.presenter, { id: w.runId });
  value(await send(w.presenter, 'room:presenter-state', { code: w.code, patch: { spotlight: 'readings' } }));
  attendee = await server.connect();
  const { snapshot } = await joinAs(attendee, w.code, 'Mallory');
  viewKey = snapshot.run?.viewKey ?? '';
  value(await send(attendee, 'run:watch', { runId: w.runId, viewKey, fromSeq: 1 }));
}, 60_000);
afterAll(() => server.close());

/** The presenter's run (trace, event count, where it stands) and what attendees follow in the room. */
async function observe() {
  const hops = value(
    await send<{ hops: Hop[] }>(w.presenter, 'run:resync', { runId: w.runId, fromSeq: 1 }),
  ).hops;
  const total = value(await send<{ total: number }>(w.presenter, 'trace:query', { runId: w.runId })).total;
  const { snapshot } = value(
    await send<{ snapshot: RoomSnapshot }>(w.presenter, 'room:sync', { code: w.code }),
  );
  const { flow, flowRevision, follow, run, presenterName, presenterConnected } = snapshot;
  return {
    hops,
    total,
    status: lastState(rec),
    room: { flow, flowRevision, follow, run, presenterName, presenterConnected },
  };
}

const roomNames = COMMAND_NAMES.filter((n) => n.startsWith('room:'));
const names = [...Object.keys(RUN_ACCESS), 'run:watch', ...roomNames, 'room:presenter-state#run'];

/** Well-formed room payloads aimed at the presenter's room and run, so refusals come from roles, not schemas. */
const roomPayloads = (): Record<string, unknown> => ({
  'room:create': { flow: { format: 'eventflow.flow' } },
  'room:join': { code: w.code, name: 'Mallory' },
  'room:claim': { code: w.code, presenterKey: 'M'.repeat(32) },
  'room:sync': { code: w.code },
  'room:presenter-state': {
    code: w.code,
    patch: { spotlight: 'store', viewport: { x: 1, y: 1, zoom: 3 } },
  },
  'room:pointer': { code: w.code, pointer: { x: 5, y: 5 } },
  'room:end': { code: w.code },
  // Attaching the presenter's own run is refused for its owner check too; the role check comes first.
  'room:presenter-state#run': { code: w.code, patch: { runId: w.runId } },
  'room:leave': { code: w.code },
});

const message = fc.record({
  name: fc.constantFrom(...names),
  payload: fc.oneof(
    fc.constant<'valid'>('valid'),
    fc.dictionary(
      fc.constantFrom('code', 'runId', 'patch', 'pointer', 'presenterKey', 'name', 'x'),
      fc.jsonValue({ maxDepth: 3 }),
      { maxKeys: 4 },
    ),
    fc.jsonValue({ maxDepth: 3 }),
  ),
  aimed: fc.boolean(),
});

describe('attendees cannot change the presenter', { timeout: 180_000 }, () => {
  it("leaves the presenter's run and the room's presenter state unchanged for every sequence of attendee messages", async () => {
    const before = await observe();
    expect(before.hops.length).toBeGreaterThan(10);
    // Joining, syncing, leaving, opening one's own room and reading the watched run are an attendee's to do.
    const mayPass = new Set([
      ...['room:join', 'room:sync', 'room:leave', 'room:create', 'run:watch'],
      ...readCommands(),
    ]);
    // One server for every run: a change that got through stays, so every later run fails as well and the
    // shrunk counterexample may be innocent; the first failing sequence is the culprit.
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 10 }), async (msgs) => {
        for (const { name, payload, aimed } of msgs) {
          const valid: Record<string, unknown> = {
            ...validPayloads(w.runId),
            ...roomPayloads(),
            'run:watch': { runId: w.runId, viewKey, fromSeq: 1 },
          };
          const body =
            payload === 'valid'
              ? valid[name]
              : aimed && payload !== null && typeof payload === 'object' && !Array.isArray(payload)
                ? { ...payload, runId: w.runId, code: w.code }
                : payload;
          const answer = await send(attendee, name.replace(/#.*/, ''), body);
          if (!mayPass.has(name)) expect(answer.ok, `${name} ${JSON.stringify(body)}`).toBe(false);
        }
        expect(await observe()).toEqual(before);
      }),
      { numRuns: 20 },
    );
  });
});
