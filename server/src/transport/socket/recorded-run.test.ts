import type { CountsAt, Hop, QueryReply, TracePath } from '@eventflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainFlow, startTestServer, type TestClient, type TestServer } from '../test-support.js';
import { lastState, send, startRun, value, waitFor } from './socket-support.js';

let server: TestServer;
beforeAll(async () => {
  // The first worker compiles the run loop cold (tsx): on a loaded machine that takes longer than the default.
  server = await startTestServer({ tune: (d) => ({ ...d, runs: { ...d.runs, replyTimeoutMs: 30_000 } }) });
});
afterAll(() => server.close());

/** A finished run of the chain flow, its every hop (read back, not sampled) and the summary it ended with. */
async function simulatedRun(client: TestClient) {
  const { rec, runId } = await startRun(client, { flow: chainFlow, paused: true });
  value(await send(client, 'run:advance', { runId, ms: 60_000 }));
  await waitFor(() => lastState(rec) === 'completed' && rec.summary !== undefined, 15_000, 'completion');
  const { hops } = value(await send<{ hops: Hop[] }>(client, 'run:resync', { runId, fromSeq: 1 }));
  return { runId, hops, summary: rec.summary! };
}

/** Opens hops as a recorded run; resolves with its id and the state it reported. */
async function openRecorded(client: TestClient, hops: Hop[]) {
  const { rec, runId } = await startRun(client, { flow: chainFlow, recorded: hops });
  await waitFor(
    () => lastState(rec) === 'completed' && rec.summary !== undefined,
    10_000,
    'the recorded state',
  );
  return { runId, rec, summary: rec.summary! };
}

describe('a recorded run over socket.io', { timeout: 60_000 }, () => {
  it('opens finished from the hops and answers paths, lists and counts as the simulated run did', async () => {
    const alice = await server.connect();
    const sim = await simulatedRun(alice);
    // Through NDJSON text, as the file travels.
    const hops = sim.hops.map((h) => JSON.parse(JSON.stringify(h)) as Hop);
    const bob = await server.connect();
    const opened = await openRecorded(bob, hops);
    expect(opened.rec.states.at(-1)?.reason).toMatch(/^recorded/);
    expect(opened.summary.outcomes).toEqual(sim.summary.outcomes);
    expect(opened.summary.nodes).toEqual(sim.summary.nodes);
    expect(opened.summary.latency).toEqual(sim.summary.latency);

    const list = value(
      await send<QueryReply>(bob, 'trace:query', { runId: opened.runId, filter: {}, limit: 50 }),
    );
    const simList = value(
      await send<QueryReply>(alice, 'trace:query', { runId: sim.runId, filter: {}, limit: 50 }),
    );
    expect(list.total).toBe(simList.total);
    expect(list.events.map((e) => [e.id, e.outcomes])).toEqual(simList.events.map((e) => [e.id, e.outcomes]));
    // Types come from the flow (the file has no envelopes): the producer's, and the one type billing emits.
    expect(list.events.map((e) => e.type)).toEqual(simList.events.map((e) => e.type));
    expect(new Set(list.events.map((e) => e.type))).toEqual(new Set(['OrderPlaced', 'OrderBilled']));

    const eventId = simList.events[3]!.id;
    const path = value(await send<TracePath>(bob, 'trace:get', { runId: opened.runId, eventId }));
    const simPath = value(await send<TracePath>(alice, 'trace:get', { runId: sim.runId, eventId }));
    expect(path.hops).toEqual(simPath.hops);
    expect(path.hops.length).toBeGreaterThan(3);

    const seq = hops[Math.floor(hops.length / 2)]!.seq;
    const at = value(await send<CountsAt>(bob, 'run:metrics-at', { runId: opened.runId, seq }));
    const simAt = value(await send<CountsAt>(alice, 'run:metrics-at', { runId: sim.runId, seq }));
    expect(at).toEqual(simAt);

    const step = await send(bob, 'run:step', { runId: opened.runId });
    expect(step).toMatchObject({
      ok: false,
      code: 'invalid-payload',
      message: expect.stringMatching(/^a recorded run cannot step/),
    });
  });

  it('refuses a trace that passes through nodes the flow does not have, naming them', async () => {
    const client = await server.connect();
    const hops: Hop[] = [
      { seq: 1, t: 0, type: 'produced', event: 'ev-1', trace: '0'.repeat(32), node: 'orders' },
      { seq: 2, t: 1, type: 'published', event: 'ev-1', trace: '0'.repeat(32), node: 'shipping', edge: 'e7' },
    ];
    const r = await send(client, 'run:start', { flow: chainFlow, recorded: hops });
    expect(r).toMatchObject({ ok: false, code: 'invalid-flow' });
    expect(!r.ok && r.problems?.map((p) => p.path)).toEqual(['recorded.nodes.shipping', 'recorded.edges.e7']);
  });

  it('refuses a trace that is not hops at the socket, and a recorded run that would also replay', async () => {
    const client = await server.connect();
    const bad = await send(client, 'run:start', { flow: chainFlow, recorded: [{ seq: 'one' }] });
    expect(bad).toMatchObject({ ok: false, code: 'invalid-payload' });
    const hop: Hop = { seq: 1, t: 0, type: 'produced', event: 'ev-1', trace: '0'.repeat(32), node: 'orders' };
    const both = await send(client, 'run:start', { flow: chainFlow, recorded: [hop], runtime: 'nats' });
    expect(both).toMatchObject({ ok: false, message: expect.stringMatching(/^recorded: /) });
  });
});
