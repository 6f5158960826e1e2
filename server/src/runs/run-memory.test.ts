import type { Result } from '@eventflow/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { value, waitFor } from '../transport/socket/socket-support.js';
import { backlogFlow, lastHeap, start, startTestRuns, tinyFlow, type TestRuns } from './run-test-support.js';

const MB = 2 ** 20;
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

  // The heap a worker reports rises and falls with its collections while the backlog and the kept trace grow, so one
  // try in about seven lands its last running report just after a collection and sees too little fall (seen in CI,
  // before and after the run loop's split). A release that does not happen fails every try.
  it('lets go of an ended run’s scheduling state at once, keeping its trace', { retry: 2 }, async () => {
    t = startTestRuns();
    const { runId } = value(await start(t.runs, 'A', backlogFlow(), { speed: 'max', paused: false }));
    await waitFor(() => lastHeap(t!, runId) > 120 * MB, 60_000, 'a large backlog');
    const running = lastHeap(t, runId);
    value(await t.runs.command(runId, { op: 'stop' }));
    const stream = t.streams.get(runId)!;
    const stoppedAt = stream.findIndex((m) => m.kind === 'state' && m.status === 'stopped');
    // The report the release's delayed garbage collection sends.
    await waitFor(
      () => stream.some((m, i) => i > stoppedAt && m.kind === 'metrics'),
      5_000,
      'release report',
    );
    const released = lastHeap(t, runId);
    console.info(
      `worker report: ${(running / MB).toFixed(1)} MB running, ${(released / MB).toFixed(1)} MB ended`,
    );
    expect(released).toBeLessThan(running - 20 * MB);
    const page = value(await t.runs.command(runId, { op: 'read', fromSeq: 1, limit: 10 }));
    expect(page.hops.length).toBeGreaterThan(0);
    expect(
      value(await t.runs.command(runId, { op: 'get', eventId: page.hops[0]!.event })).hops.length,
    ).toBeGreaterThan(0);
  });
});
