import { flowRevision } from '@eventflow/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { chainFlow } from '../transport/test-support.js';
import { parsed, value, waitFor } from '../transport/socket/socket-support.js';
import { start, startTestRuns, tinyFlow, type TestRuns } from './run-test-support.js';

let t: TestRuns | undefined;
afterEach(async () => {
  await t?.runs.close();
  t = undefined;
});

const stopAndWait = async (runs: TestRuns, runId: string) => {
  value(await runs.runs.command(runId, { op: 'stop' }));
  await waitFor(() => runs.runs.lastState(runId)?.status === 'stopped', 10_000, 'stopped');
};

describe('run service slots', { timeout: 60_000 }, () => {
  it('holds an owner to its share while another owner still starts', async () => {
    t = startTestRuns({ maxRuns: 8, maxRunsPerOwner: 3 });
    for (let i = 0; i < 3; i++) value(await start(t.runs, 'A', tinyFlow()));
    const fourth = await start(t.runs, 'A', tinyFlow());
    expect(fourth).toMatchObject({ ok: false, code: 'run-limit' });
    expect(!fourth.ok && fourth.message).toMatch(/this client has 3 live runs .*stop one/);
    const other = value(await start(t.runs, 'B', tinyFlow()));
    expect(t.runs.ownerOf(other.runId)).toBe('B');
    expect(t.runs.size()).toBe(4);
  });

  it('evicts the owner’s own oldest ended run, then anyone’s when the server is full', async () => {
    t = startTestRuns({ maxRuns: 3, maxRunsPerOwner: 2 });
    const a1 = value(await start(t.runs, 'A', tinyFlow())).runId;
    const a2 = value(await start(t.runs, 'A', tinyFlow())).runId;
    await stopAndWait(t, a1);
    const a3 = value(await start(t.runs, 'A', tinyFlow())).runId;
    expect([t.runs.has(a1), t.runs.has(a2), t.runs.has(a3)]).toEqual([false, true, true]);

    const b1 = value(await start(t.runs, 'B', tinyFlow())).runId;
    expect(await start(t.runs, 'C', tinyFlow())).toMatchObject({
      ok: false,
      code: 'run-limit',
      message: expect.stringContaining('maximum of 3 runs'),
    });
    await stopAndWait(t, b1);
    const c1 = value(await start(t.runs, 'C', tinyFlow())).runId;
    expect([t.runs.has(b1), t.runs.has(c1), t.runs.size()]).toEqual([false, true, 3]);
  });

  it('never exceeds either limit under 50 concurrent starts', async () => {
    t = startTestRuns({ maxRuns: 5, maxRunsPerOwner: 2 });
    const runs = t.runs;
    let most = 0;
    const owners = ['A', 'B', 'C', 'D', 'E'];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const owner = owners[i % owners.length]!;
        const r = start(runs, owner, tinyFlow());
        most = Math.max(most, runs.size());
        return r.then((res) => ({ owner, res }));
      }),
    );
    const accepted = results.filter((r) => r.res.ok);
    expect(most).toBeLessThanOrEqual(5);
    expect(accepted).toHaveLength(5);
    for (const owner of owners) {
      expect(accepted.filter((r) => r.owner === owner).length).toBeLessThanOrEqual(2);
    }
    expect(results.filter((r) => !r.res.ok).every((r) => !r.res.ok && r.res.code === 'run-limit')).toBe(true);
    expect(runs.size()).toBe(5);
  });
});

describe('run service start', { timeout: 60_000 }, () => {
  it('answers invalid flows with the worker’s problems and gives the slot back', async () => {
    t = startTestRuns({ maxRunsPerOwner: 1 });
    const broken = { ...tinyFlow(), nodes: [{ id: 't', kind: 'topic', config: { partitions: 0 } }] };
    for (let i = 0; i < 3; i++) {
      const r = await start(t.runs, 'A', broken);
      expect(r).toMatchObject({ ok: false, code: 'invalid-flow' });
      expect(!r.ok && r.problems).toContainEqual(
        expect.objectContaining({ path: 'nodes[0].config.partitions' }),
      );
      expect(t.runs.size()).toBe(0);
    }
    value(await start(t.runs, 'A', tinyFlow()));
  });

  it('refuses an oversized flow before it reaches a worker', async () => {
    t = startTestRuns({ maxFlowBytes: 10_000 });
    const big = { ...tinyFlow(), description: 'x'.repeat(20_000) };
    expect(await start(t.runs, 'A', big)).toMatchObject({ ok: false, code: 'too-large' });
    expect(t.runs.size()).toBe(0);
    value(await start(t.runs, 'A', { ...tinyFlow(), description: 'x'.repeat(1000) }));
  });

  it('tags the run with the flow’s revision and calls onAccepted before any of its messages', async () => {
    t = startTestRuns();
    const seen: string[] = [];
    const runs = t.runs;
    const r = await runs.start({ flow: chainFlow, speed: 1, paused: false, owner: 'A' }, (runId) => {
      seen.push(`accepted ${runId}`);
      seen.push(`messages so far ${t!.streams.get(runId)?.length ?? 0}`);
    });
    const { runId, flowRevision: revision } = value(r);
    expect(revision).toBe(flowRevision(parsed(chainFlow)));
    expect(runs.flowRevision(runId)).toBe(revision);
    expect(runs.flowName(runId)).toBe('Orders and billing');
    expect(seen).toEqual([`accepted ${runId}`, 'messages so far 0']);
    await waitFor(() => (t!.streams.get(runId)?.length ?? 0) > 0, 10_000, 'stream');
  });

  it('seeds from the start, else the flow, else the default', async () => {
    t = startTestRuns({ defaultSeed: 99 });
    const firstHopOf = async (flow: unknown, seed?: number) => {
      const { runId } = value(await start(t!.runs, 'A', flow, seed === undefined ? {} : { seed }));
      value(await t!.runs.command(runId, { op: 'step', hops: 40 }));
      const page = value(await t!.runs.command(runId, { op: 'read', fromSeq: 1, limit: 40 }));
      value(await t!.runs.command(runId, { op: 'stop' }));
      return JSON.stringify(page.hops);
    };
    const random = {
      ...tinyFlow(),
      nodes: [
        {
          id: 'p',
          kind: 'producer',
          config: { eventType: 'T', rate: 10, arrival: 'poisson', key: 'string(seq)' },
        },
        ...tinyFlow().nodes.slice(1),
      ],
    };
    const flowSeeded = { ...random, seed: 5 };
    const explicit = await firstHopOf(random, 5);
    expect(await firstHopOf(flowSeeded)).toBe(explicit);
    expect(await firstHopOf(random, 99)).toBe(await firstHopOf(random));
    expect(await firstHopOf(random, 99)).not.toBe(explicit);
  });
});
