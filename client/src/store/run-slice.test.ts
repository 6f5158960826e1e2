import { describe, expect, it } from 'vitest';
import { appendSample, HISTORY_WINDOW_MS, lagOf } from './run-slice';
import { createAppStore } from './store';

const metricsOf = (t: number, rate: number) => ({
  runId: 'r1',
  t,
  nodes: {
    orders: {
      in: 1,
      out: 1,
      rate,
      inFlight: 0,
      failures: 0,
      partitions: [{ depth: 3, end: 9 }],
      lag: { g: [2, 7] },
    },
  },
  edges: {},
});

describe('run slice', () => {
  it('follows the run it started and ignores facts about other runs', () => {
    const store = createAppStore();
    store.getState().runStarting(7, 2);
    store.getState().runStarted('r1', true, 100);
    expect(store.getState().run).toMatchObject({ id: 'r1', phase: 'paused', seed: 7, speed: 2 });
    store.getState().applyRunState({ runId: 'other', status: 'running', t: 50 }, 200);
    expect(store.getState().run.phase).toBe('paused');
    store.getState().applyRunState({ runId: 'r1', status: 'running', t: 50 }, 200);
    expect(store.getState().run).toMatchObject({ phase: 'running', t: 50, wallAt: 200 });
  });

  it('keeps exact metrics and a minute of sparkline samples per node', () => {
    const store = createAppStore();
    store.getState().runStarted('r1', false, 0);
    store.getState().applyMetrics(metricsOf(1_000, 5));
    store.getState().applyMetrics(metricsOf(2_000, 8));
    expect(store.getState().metrics?.nodes.orders?.rate).toBe(8);
    expect(store.getState().history.orders).toEqual([
      { t: 1_000, rate: 5, lag: 7 },
      { t: 2_000, rate: 8, lag: 7 },
    ]);
  });

  it('appendSample drops samples older than the window and restarts after a reset', () => {
    const a = appendSample([], { t: 0, rate: 1, lag: 0 });
    const b = appendSample(a, { t: HISTORY_WINDOW_MS + 1, rate: 2, lag: 0 });
    expect(b.map((s) => s.t)).toEqual([HISTORY_WINDOW_MS + 1]);
    const afterReset = appendSample(b, { t: 10, rate: 3, lag: 0 });
    expect(afterReset.map((s) => s.t)).toEqual([10]);
    expect(lagOf({ in: 0, out: 0, rate: 0, inFlight: 0, failures: 0 })).toBe(0);
  });
});
