import type { FlowEvent, Hop } from '@eventflow/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { bigOrderAtBilling, fanOut, fullTrace, startLoop, type LoopHarness } from './breakpoint-support.js';

let running: LoopHarness[] = [];
afterEach(() => {
  for (const h of running) h.loop.dispose();
  running = [];
});
const start = (...args: Parameters<typeof startLoop>) => {
  const h = startLoop(...args);
  running.push(h);
  return h;
};

const total = (e: FlowEvent | undefined) => (e?.data as { total: number }).total;
/** Seqs of the hops the breakpoint must stop on, from a run with no breakpoints at all. */
function expectedStops(): Hop[] {
  const { hops, event } = fullTrace(fanOut());
  return hops.filter((h) => h.node === 'billing' && h.type === 'delivered' && total(event(h.event)) > 100);
}

describe('breakpoints in the run loop', { timeout: 30_000 }, () => {
  it('pauses on the first matching hop at full speed: its seq is the last hop streamed', async () => {
    const want = expectedStops();
    expect(want.length).toBeGreaterThan(2);
    const h = start(fanOut());
    expect(h.loop.handle({ op: 'breakpoints', breakpoints: [bigOrderAtBilling] })).toEqual({
      ok: true,
      value: { enabled: 1 },
    });
    h.loop.handle({ op: 'resume' });
    await h.waitFor(() => h.hits().length === 1, 'the first pause');

    const hit = h.hits()[0]!;
    expect(hit).toEqual({ id: 'b1', name: 'big order at billing', seq: want[0]!.seq, event: want[0]!.event });
    const state = h.messages.filter((m) => m.kind === 'state').at(-1);
    expect(state).toMatchObject({ status: 'paused', reason: 'breakpoint: big order at billing' });
    expect(h.hops().at(-1)?.seq).toBe(hit.seq);
    expect(h.hops().every((x) => x.seq <= hit.seq)).toBe(true);
    // Nothing after the hop is readable either: the rest of the task's hops stay hidden.
    const q = h.loop.handle({ op: 'resync', fromSeq: 1 });
    expect(q.ok && (q.value as { hops: Hop[] }).hops.at(-1)?.seq).toBe(hit.seq);
  });

  it('continues to the next match, and the same seed pauses at the same hops', async () => {
    const want = expectedStops();
    const seqs = async () => {
      const h = start(fanOut());
      h.loop.handle({ op: 'breakpoints', breakpoints: [bigOrderAtBilling] });
      h.loop.handle({ op: 'resume' });
      await h.waitFor(() => h.hits().length === 1, 'the first pause');
      h.loop.handle({ op: 'resume' });
      await h.waitFor(() => h.hits().length === 2, 'the second pause');
      expect(h.hops().at(-1)?.seq).toBe(h.hits()[1]!.seq);
      return h.hits().map((x) => x.seq);
    };
    const first = await seqs();
    expect(first).toEqual([want[0]!.seq, want[1]!.seq]);
    expect(await seqs()).toEqual(first);
  });

  it('pauses at the same hop at real-time speed and on run:advance', async () => {
    const want = expectedStops()[0]!;
    const paced = start(fanOut(), { speed: 20 });
    paced.loop.handle({ op: 'breakpoints', breakpoints: [bigOrderAtBilling] });
    paced.loop.handle({ op: 'resume' });
    await paced.waitFor(() => paced.hits().length === 1, 'the paced pause');
    expect(paced.hits()[0]!.seq).toBe(want.seq);
    expect(paced.hops().at(-1)?.seq).toBe(want.seq);

    const stepped = start(fanOut());
    stepped.loop.handle({ op: 'breakpoints', breakpoints: [bigOrderAtBilling] });
    const r = stepped.loop.handle({ op: 'advance', ms: 60_000 });
    expect(r.ok).toBe(true);
    expect(stepped.hits()[0]!.seq).toBe(want.seq);
    expect(stepped.hops().at(-1)?.seq).toBe(want.seq);
  });

  it('writes the same trace as a run without breakpoints once it runs on', async () => {
    const { hops } = fullTrace(fanOut());
    const h = start(fanOut());
    h.loop.handle({ op: 'breakpoints', breakpoints: [bigOrderAtBilling] });
    h.loop.handle({ op: 'resume' });
    await h.waitFor(() => h.hits().length === 1, 'the pause');
    h.loop.handle({ op: 'breakpoints', breakpoints: [{ ...bigOrderAtBilling, enabled: false }] });
    h.loop.handle({ op: 'resume' });
    await h.waitFor(() => h.messages.some((m) => m.kind === 'state' && m.status === 'completed'), 'the end');
    expect(h.hops()).toEqual(hops);
  });

  it('keeps its breakpoints through a reset', async () => {
    const want = expectedStops()[0]!;
    const h = start(fanOut());
    h.loop.handle({ op: 'breakpoints', breakpoints: [bigOrderAtBilling] });
    h.loop.handle({ op: 'advance', ms: 60_000 });
    h.loop.handle({ op: 'reset' });
    h.loop.handle({ op: 'advance', ms: 60_000 });
    expect(h.hits().map((x) => x.seq)).toEqual([want.seq, want.seq]);
  });

  it('refuses a list with a condition that does not compile, with its path and column', () => {
    const h = start(fanOut());
    const r = h.loop.handle({
      op: 'breakpoints',
      breakpoints: [bigOrderAtBilling, { id: 'b2', name: 'bad', condition: 'data.total >', enabled: false }],
    });
    expect(r).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(!r.ok && r.problems?.[0]).toMatchObject({ path: 'breakpoints.1.condition' });
    expect(!r.ok && r.message).toMatch(/^breakpoints\.1\.condition: .* at column 13$/);
    const unknown = h.loop.handle({
      op: 'breakpoints',
      breakpoints: [{ id: 'b3', name: 'x', node: 'nope', enabled: true }],
    });
    expect(!unknown.ok && unknown.message).toBe("breakpoints.0.node: no node 'nope' in this flow");
  });
});
