import type {
  CountsAt,
  NodeMetrics,
  RunMetrics,
  RunMetricsEvent,
  RunStateEvent,
  RunStatus,
  RunSummary,
  Speed,
} from '@eventflow/shared';
import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './store';

/** `idle`: no run on the server for this document yet. */
export type RunPhase = 'idle' | 'starting' | RunStatus;

/** One point of a node's sparkline: simulated ms, events/s through it, and its worst lag (topics/consumers). */
export interface MetricSample {
  t: number;
  rate: number;
  lag: number;
}

export interface RunInfo {
  /** The one run this tab shows; every message or answer about another run is dropped. */
  id: string | null;
  phase: RunPhase;
  /** `topologyKey` of the document the run was started with: an edit that changes it ends the run. */
  topology: string | null;
  /** `flowRevision` of the document sent, and the one the server's `run:start` ack says it runs (null: an older server). */
  sentRevision: string | null;
  flowRevision: string | null;
  /** Simulated ms, as of `wallAt` (performance.now() ms) when it was reported. */
  t: number;
  wallAt: number;
  speed: Speed;
  /** The user's seed; null runs with the flow's own seed (else 1). */
  seed: number | null;
  reason?: string;
  summary?: RunSummary;
  /** A run on a broker, once ended: where it ran and the simulator's summary of the same flow and seed. */
  broker?: { kind: string; address: string; simulator: RunSummary };
  error?: string;
}

export interface RunSlice {
  run: RunInfo;
  metrics: RunMetrics | null;
  /** The counters as of an earlier hop (`run:metrics-at`), shown while the user has stepped back. */
  pastCounts: { runId: string; counts: CountsAt } | null;
  /** Per node, the samples of the last simulated minute (the sparkline's data). */
  history: Record<string, MetricSample[]>;
  runStarting: (seed: number | null, speed: Speed, doc?: { topology: string; revision: string }) => void;
  runStarted: (id: string, paused: boolean, wallAt: number, flowRevision?: string | null) => void;
  runFailed: (message: string) => void;
  applyRunState: (e: RunStateEvent, wallAt: number) => void;
  applyMetrics: (e: RunMetricsEvent) => void;
  /** Keeps an answer of `run:metrics-at` only if it is of the current run. */
  setPastCounts: (runId: string, counts: CountsAt) => void;
  setSpeed: (speed: Speed) => void;
  setSeed: (seed: number | null) => void;
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

export const initialRun = (): RunInfo => ({
  id: null,
  phase: 'idle',
  topology: null,
  sentRevision: null,
  flowRevision: null,
  t: 0,
  wallAt: 0,
  speed: 1,
  seed: null,
});

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set, get) => ({
  run: initialRun(),
  metrics: null,
  pastCounts: null,
  history: {},

  runStarting: (seed, speed, doc) =>
    set({
      run: {
        ...initialRun(),
        phase: 'starting',
        seed,
        speed,
        topology: doc?.topology ?? null,
        sentRevision: doc?.revision ?? null,
      },
      metrics: null,
      pastCounts: null,
      history: {},
    }),
  runStarted: (id, paused, wallAt, flowRevision = null) =>
    set({ run: { ...get().run, id, flowRevision, phase: paused ? 'paused' : 'running', t: 0, wallAt } }),
  runFailed: (message) =>
    set({ run: { ...get().run, phase: get().run.id ? get().run.phase : 'idle', error: message } }),
  applyRunState: (e, wallAt) => {
    const run = get().run;
    if (e.runId !== run.id) return;
    const next: RunInfo = { ...run, phase: e.status, t: e.t, wallAt };
    if (e.reason !== undefined) next.reason = e.reason;
    else delete next.reason;
    if (e.summary) next.summary = e.summary;
    if (e.broker) next.broker = e.broker;
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
  setPastCounts: (runId, counts) => {
    if (runId === get().run.id) set({ pastCounts: { runId, counts } });
  },
  setSpeed: (speed) => set({ run: { ...get().run, speed } }),
  setSeed: (seed) => set({ run: { ...get().run, seed } }),
});
