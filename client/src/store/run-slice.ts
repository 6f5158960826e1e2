import type { EdgeMetrics, NodeMetrics, RunStatus, RunSummary } from '@eventflow/shared';
import type { StateCreator } from 'zustand';
import type { AppState } from './store';

/** `idle`: no run on the server for this document yet. */
export type RunPhase = 'idle' | 'starting' | RunStatus;
export type Speed = number | 'max';

/** One point of a node's sparkline: simulated ms, events/s through it, and its worst lag (topics/consumers). */
export interface MetricSample {
  t: number;
  rate: number;
  lag: number;
}

export interface RunMetrics {
  t: number;
  nodes: Record<string, NodeMetrics>;
  edges: Record<string, EdgeMetrics>;
}

export interface RunInfo {
  id: string | null;
  phase: RunPhase;
  /** Simulated ms, as of `wallAt` (performance.now() ms) when it was reported. */
  t: number;
  wallAt: number;
  speed: Speed;
  /** The user's seed; null runs with the flow's own seed (else 1). */
  seed: number | null;
  reason?: string;
  summary?: RunSummary;
  error?: string;
}

export interface RunSlice {
  run: RunInfo;
  metrics: RunMetrics | null;
  /** Per node, the samples of the last simulated minute (the sparkline's data). */
  history: Record<string, MetricSample[]>;
  runStarting: (seed: number | null, speed: Speed) => void;
  runStarted: (id: string, paused: boolean, wallAt: number) => void;
  runFailed: (message: string) => void;
  applyRunState: (
    e: { runId: string; status: RunStatus; t: number; reason?: string; summary?: RunSummary },
    wallAt: number,
  ) => void;
  applyMetrics: (e: { runId: string } & RunMetrics) => void;
  setSpeed: (speed: Speed) => void;
  setSeed: (seed: number | null) => void;
  /** Forget live figures (reset keeps the run id; a new document drops it too). */
  clearRunData: (dropRun?: boolean) => void;
}

export const HISTORY_WINDOW_MS = 60_000;
const HISTORY_CAP = 240;

/** Worst lag a node shows: a topic's deepest group/partition lag, a consumer's own group lag is on its topic. */
export function lagOf(m: NodeMetrics): number {
  let worst = 0;
  for (const perPartition of Object.values(m.lag ?? {}))
    for (const l of perPartition) worst = Math.max(worst, l);
  return worst;
}

/** Appends a sample and drops those older than the window; pure so it can be tested on its own. */
export function appendSample(samples: readonly MetricSample[], next: MetricSample): MetricSample[] {
  const from = next.t - HISTORY_WINDOW_MS;
  // A reset sends t back to 0: start a fresh line instead of drawing backwards.
  const kept = samples.filter((s) => s.t >= from && s.t <= next.t);
  kept.push(next);
  return kept.length > HISTORY_CAP ? kept.slice(kept.length - HISTORY_CAP) : kept;
}

const initialRun = (): RunInfo => ({ id: null, phase: 'idle', t: 0, wallAt: 0, speed: 1, seed: null });

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set, get) => ({
  run: initialRun(),
  metrics: null,
  history: {},

  runStarting: (seed, speed) =>
    set({ run: { ...initialRun(), phase: 'starting', seed, speed }, metrics: null, history: {} }),
  runStarted: (id, paused, wallAt) =>
    set({ run: { ...get().run, id, phase: paused ? 'paused' : 'running', t: 0, wallAt } }),
  runFailed: (message) =>
    set({ run: { ...get().run, phase: get().run.id ? get().run.phase : 'idle', error: message } }),
  applyRunState: (e, wallAt) => {
    const run = get().run;
    if (e.runId !== run.id) return;
    const next: RunInfo = { ...run, phase: e.status, t: e.t, wallAt };
    if (e.reason !== undefined) next.reason = e.reason;
    else delete next.reason;
    if (e.summary) next.summary = e.summary;
    set({ run: next });
  },
  applyMetrics: (e) => {
    if (e.runId !== get().run.id) return;
    const history = { ...get().history };
    for (const [id, m] of Object.entries(e.nodes)) {
      history[id] = appendSample(history[id] ?? [], { t: e.t, rate: m.rate, lag: lagOf(m) });
    }
    // Metrics carry the simulated time too: the clock readout follows them between state changes.
    const run = get().run;
    const t = e.t >= run.t ? { t: e.t, wallAt: performance.now() } : {};
    set({ metrics: { t: e.t, nodes: e.nodes, edges: e.edges }, history, run: { ...run, ...t } });
  },
  setSpeed: (speed) => set({ run: { ...get().run, speed } }),
  setSeed: (seed) => set({ run: { ...get().run, seed } }),
  clearRunData: (dropRun = false) =>
    set({
      metrics: null,
      history: {},
      run: dropRun
        ? { ...initialRun(), speed: get().run.speed, seed: get().run.seed }
        : { ...get().run, t: 0 },
    }),
});
