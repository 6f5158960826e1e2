import fc from 'fast-check';
import { RUN_ACCESS, type Hop } from '@eventflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, streamFlow, type TestClient, type TestServer } from '../test-support.js';
import { validPayloads } from './ownership-support.js';
import { lastState, record, send, value, type Recorder } from './socket-support.js';

let server: TestServer;
let owner: TestClient;
let intruder: TestClient;
let runId: string;
let rec: Recorder;

beforeAll(async () => {
  server = await startTestServer();
  owner = await server.connect();
  intruder = await server.connect();
  const run: { id?: string } = {};
  rec = record(owner, run);
  runId = run.id = value(
    await send<{ runId: string }>(owner, 'run:start', { flow: streamFlow(100), paused: true }),
  ).runId;
  value(await send(owner, 'run:advance', { runId, ms: 300 }));
});
afterAll(() => server.close());

/** Everything observable about the run: its trace, its event count and where it stands. */
async function snapshot() {
  const resync = value(await send<{ hops: Hop[] }>(owner, 'run:resync', { runId, fromSeq: 1 }));
  const query = value(await send<{ total: number }>(owner, 'trace:query', { runId }));
  return { hops: resync.hops, total: query.total, status: lastState(rec), t: rec.states.at(-1)?.t };
}

const names = [...Object.keys(RUN_ACCESS), 'run:watch'];

/** A command from the table with the owner's run id and either a valid payload or random fields around it. */
const command = fc.record({
  name: fc.constantFrom(...names),
  payload: fc.oneof(
    fc.constant<'valid'>('valid'),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
    fc.jsonValue({ maxDepth: 3 }),
  ),
  withRunId: fc.boolean(),
});

describe('a session that does not own a run cannot change it', { timeout: 120_000 }, () => {
  it('leaves the run state and trace unchanged for any sequence of commands from another session', async () => {
    const before = await snapshot();
    expect(before.hops.length).toBeGreaterThan(10);
    const allowedCodes = new Set(['forbidden', 'invalid-payload', 'unknown-run', 'rate-limited']);
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (cmds) => {
        for (const { name, payload, withRunId } of cmds) {
          const body =
            payload === 'valid'
              ? (validPayloads(runId)[name] ?? { runId, viewKey: 'k'.repeat(32), fromSeq: 1 })
              : withRunId && payload !== null && typeof payload === 'object' && !Array.isArray(payload)
                ? { ...payload, runId }
                : payload;
          const answer = await send(intruder, name, body);
          expect(answer.ok, `${name} ${JSON.stringify(body)}`).toBe(false);
          if (!answer.ok) expect(allowedCodes, answer.code).toContain(answer.code);
        }
        expect(await snapshot()).toEqual(before);
      }),
      { numRuns: 25 },
    );
  });
});
