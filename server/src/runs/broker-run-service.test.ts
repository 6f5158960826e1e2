import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { brokerReachable, brokersRequired } from '../brokers/test-support.js';
import { startTestRuns } from './run-test-support.js';

const REDIS = 'redis://127.0.0.1:6379';
const reachable = await brokerReachable(REDIS);
if (!reachable && !brokersRequired)
  console.info('broker run-service tests skipped: nothing answers at 127.0.0.1:6379');

const example = (id: string): unknown => JSON.parse(readFileSync(`examples/${id}.flow.json`, 'utf8'));
const until = async (check: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
};

describe.skipIf(!reachable && !brokersRequired)('a run on a configured broker, in its worker', () => {
  const { runs, streams, states } = startTestRuns({ brokers: [{ kind: 'redis', url: REDIS }] });
  afterAll(() => runs.close());
  const start = (flow: unknown, runtime?: 'redis' | 'nats') =>
    runs.start({ flow, speed: 1, paused: false, owner: 'alice', ...(runtime ? { runtime } : {}) });

  it('streams the broker’s deliveries, ends with the summary, and answers the trace commands', async () => {
    const started = await start(example('retries-dead-letter'), 'redis');
    if (!started.ok) throw new Error(started.message);
    const { runId } = started.value;
    await until(() => states(runId).some((s) => s.status === 'completed'));
    const last = states(runId).at(-1)!;
    expect(last.status).toBe('completed');
    expect(last.reason).toBe('completed on redis at redis://127.0.0.1:6379');
    expect(last.summary?.conservation.ok).toBe(true);
    expect(last.summary?.outcomes.inFlight).toBe(0);
    expect(states(runId)[0]?.reason).toBe('running on redis at redis://127.0.0.1:6379');
    // The simulator's figures for the same flow and seed come with the end, for the side-by-side view.
    expect(last.broker).toMatchObject({ kind: 'redis', address: 'redis://127.0.0.1:6379' });
    expect(last.broker?.simulator.events.produced).toBe(last.summary?.events.produced);
    expect(last.broker?.simulator.seed).toBe(last.summary?.seed);

    const streamed = (streams.get(runId) ?? []).flatMap((m) => (m.kind === 'hops' ? m.hops : []));
    expect(streamed.length).toBe(last.summary?.hops);
    expect(streamed.some((h) => h.type === 'delivered' && h.broker?.broker === 'redis')).toBe(true);

    const rows = await runs.command(runId, { op: 'query', filter: {}, limit: 100 });
    expect(rows.ok && rows.value.total).toBe(last.summary!.events.produced);
    const path = await runs.command(runId, { op: 'get', eventId: 'e1' });
    if (!path.ok) throw new Error(path.message);
    expect(path.value.hops.some((h) => h.type === 'acked' || h.type === 'dead-lettered')).toBe(true);
    expect(path.value.events[0]?.id).toBe('e1');
    const counts = await runs.command(runId, { op: 'counts', seq: 5 });
    expect(counts.ok && counts.value.seq).toBe(5);
    const summary = await runs.command(runId, { op: 'summary' });
    expect(summary.ok && summary.value.finished).toBe(true);
  });

  it('refuses what only the simulator does, and says why', async () => {
    const started = await start(example('fan-out'), 'redis');
    if (!started.ok) throw new Error(started.message);
    const paused = await runs.command(started.value.runId, { op: 'pause' });
    expect(paused).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(!paused.ok && paused.message).toMatch(
      /^a run on redis at redis:\/\/127\.0\.0\.1:6379 cannot pause/,
    );
    const stopped = await runs.command(started.value.runId, { op: 'stop' });
    expect(stopped.ok).toBe(true);
    await until(() =>
      states(started.value.runId).some((s) => s.status === 'stopped' || s.status === 'completed'),
    );
  });

  it('rejects a flow the broker cannot carry with each node’s reason, and an unconfigured runtime', async () => {
    const webhook = await start(example('flaky-webhook'), 'redis');
    expect(webhook).toMatchObject({ ok: false, code: 'invalid-flow' });
    expect(!webhook.ok && webhook.problems).toContainEqual(
      expect.objectContaining({
        path: 'nodes.partner-api',
        message: expect.stringMatching(/^webhook nodes run only in the simulator/),
      }),
    );
    const nats = await start(example('fan-out'), 'nats');
    expect(nats).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(!nats.ok && nats.message).toBe("no runtime 'nats' on this server: it offers simulator, redis");
  });
});

describe('a broker that does not answer', () => {
  const { runs, states } = startTestRuns({ brokers: [{ kind: 'redis', url: 'redis://127.0.0.1:1' }] });
  afterAll(() => runs.close());
  it('fails the run with the broker, the address and the fix, never a hang', async () => {
    const started = await runs.start({
      flow: example('fan-out'),
      speed: 1,
      paused: false,
      owner: 'bob',
      runtime: 'redis',
    });
    if (!started.ok) throw new Error(started.message);
    await until(() => states(started.value.runId).some((s) => s.status === 'failed'));
    expect(states(started.value.runId).at(-1)).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/^redis at redis:\/\/127\.0\.0\.1:1 is not usable: /),
    });
  });
});
