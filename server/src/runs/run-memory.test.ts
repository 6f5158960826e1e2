import type { Result, TopicView } from '@eventflow/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/api.js';
import { createEngine } from '../engine/index.js';
import { parsed, value, waitFor } from '../transport/socket/socket-support.js';
import { DEFAULT_STREAM } from './defaults.js';
import { createRunLoop } from './run-loop.js';
import { backlogFlow, lastHeap, start, startTestRuns, tinyFlow, type TestRuns } from './run-test-support.js';

const MB = 2 ** 20;
/** The backlog flow's topic, asked for one entry per partition: only the bounds are counted. */
const QUEUE = { nodeId: 'queue', limit: 1 };
/** Entries the topic's partition logs still hold. */
const retainedIn = (view: TopicView) => view.partitions.reduce((n, p) => n + p.next - p.oldest, 0);
let t: TestRuns | undefined;
afterEach(async () => {
  await t?.runs.close();
  t = undefined;
});

describe('run memory', { timeout: 90_000 }, () => {
  it('ends the greedy run with the reason, keeps the small one, and refuses starts while over', async () => {
    let busy: Promise<Result<unknown>> | undefined;
    t = startTestRuns({ runMemoryBudgetMb: 110 }, (_runId, msg, runs) => {
      // The report that passes the budget: a start in the same tick must be refused.
      if (msg.kind === 'metrics' && !busy && runs.memory().usedBytes > runs.memory().budgetBytes)
        busy = start(runs, 'C', tinyFlow());
    });
    const small = value(await start(t.runs, 'A', tinyFlow())).runId;
    await waitFor(() => lastHeap(t!, small) > 0, 10_000, 'small run’s report');
    const greedy = value(await start(t.runs, 'B', backlogFlow(), { speed: 'max', paused: false })).runId;
    await waitFor(() => t!.states(greedy).some((s) => s.status === 'failed'), 60_000, 'greedy run ended');

    const end = t.states(greedy).find((s) => s.status === 'failed')!;
    expect(end.reason).toMatch(
      /^ended: the server's run memory budget \(110 MB\) was reached; this run used \d+ MB$/,
    );
    expect(await busy).toMatchObject({
      ok: false,
      code: 'server-busy',
      message: expect.stringContaining('110 MB'),
    });
    expect(t.runs.lastState(small)?.status).toBe('paused');
    expect(value(await t.runs.command(small, { op: 'step', hops: 5 }))).toEqual({ hops: 5 });
    await waitFor(() => t!.runs.memory().usedBytes <= 110 * MB, 10_000, 'back within budget');
    value(await start(t.runs, 'C', tinyFlow()));
  });

  // What an ended run lets go of is counted, not weighed: the heap a worker reports rises and falls with its
  // collections, so a release judged by it failed about one try in seven. The backlog's topic log is the bulk of
  // what the run holds; release.test.ts weighs what release() frees, in one process, after settled collections.
  it('lets go of an ended run’s partition logs at once, keeping its trace', async () => {
    t = startTestRuns();
    const { runId } = value(await start(t.runs, 'A', backlogFlow(), { speed: 'max', paused: false }));
    const retained = async () => retainedIn(value(await t!.runs.command(runId, { op: 'topic', ...QUEUE })));
    const until = Date.now() + 60_000;
    while ((await retained()) < 100_000) {
      if (Date.now() > until) throw new Error('timed out waiting for a large backlog');
      await new Promise((r) => setTimeout(r, 50));
    }
    value(await t.runs.command(runId, { op: 'stop' }));
    expect(await retained()).toBe(0);
    const page = value(await t.runs.command(runId, { op: 'read', fromSeq: 1, limit: 10 }));
    expect(page.hops.length).toBeGreaterThan(0);
    expect(
      value(await t.runs.command(runId, { op: 'get', eventId: page.hops[0]!.event })).hops.length,
    ).toBeGreaterThan(0);
  });

  it('leaves a stopped run’s engine no task to run and its topic no entry, its summary as it was', () => {
    let engine: Engine | undefined;
    const loop = createRunLoop({
      init: {
        flow: parsed(backlogFlow()),
        seed: 1,
        speed: 1,
        paused: true,
        limits: { maxHops: 50_000_000, maxCpuMs: 120_000, storeCapacity: 200_000 },
        stream: DEFAULT_STREAM,
        webhookAllow: [],
      },
      createEngine: (opts) => (engine = createEngine(opts)),
      post: () => {},
      wallNow: () => performance.now(),
      heapBytes: () => 0,
      collect: () => {},
    });
    try {
      expect(value(loop.handle({ op: 'step', hops: 50_000 }))).toEqual({ hops: 50_000 });
      const ran = engine!;
      expect(ran.nextTime()).toBeDefined();
      expect(retainedIn(value(loop.handle({ op: 'topic', ...QUEUE })) as TopicView)).toBeGreaterThan(0);
      const summary = ran.summary();
      value(loop.handle({ op: 'stop' }));
      // The scheduler is empty (nextTime is undefined only then), and so is every partition log.
      expect(ran.nextTime()).toBeUndefined();
      expect(ran.awaitingWebhooks()).toBe(0);
      expect(retainedIn(value(loop.handle({ op: 'topic', ...QUEUE })) as TopicView)).toBe(0);
      expect(value(loop.handle({ op: 'summary' }))).toEqual({ summary, finished: false });
    } finally {
      loop.dispose();
    }
  });
});
