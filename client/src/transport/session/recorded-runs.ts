import {
  compareRuns,
  parseTraceNdjson,
  recordedTraceProblems,
  type Hop,
  type Problem,
} from '@eventflow/shared';
import type { AppStore } from '../../store/store';
import type { RunLifecycle } from './run-lifecycle';
import type { TraceQueries } from './trace-queries';

/** Recorded runs: a trace file opened as a finished run, and the current run compared with one. */
export interface RecordedRuns {
  /** Opens a trace NDJSON file of the flow on screen as a finished run. False when refused (a dialog says why). */
  openRecordedTrace: (text: string, source: string) => Promise<boolean>;
  /** Compares the current run with a recorded one ("before"): badges on the canvas, deltas, changed events. */
  compareWithRecorded: (text: string, source: string) => Promise<boolean>;
  /** Shows a changed event: its path in the current run (stepped as usual) and as it went before. */
  pickChangedEvent: (eventId: string) => Promise<void>;
  /** Takes the comparison off the screen. */
  endComparison: () => void;
}

/** True for text whose first line is a hop: a trace file, handed here instead of to the flow parser. */
export function looksLikeTrace(text: string): boolean {
  const first = text.trimStart().split('\n', 1)[0] ?? '';
  try {
    const v = JSON.parse(first) as unknown;
    return typeof v === 'object' && v !== null && 'seq' in v && 'event' in v && !('format' in v);
  } catch {
    return false;
  }
}

export function createRecordedRuns(deps: {
  store: AppStore;
  runs: Pick<RunLifecycle, 'playRecorded'>;
  trace: Pick<TraceQueries, 'exportTrace' | 'selectEvent'>;
}): RecordedRuns {
  const { store } = deps;
  const get = () => store.getState();
  const refuse = (title: string, problems: Problem[]) => {
    get().openDialog({ type: 'import-problems', title, problems, openable: false });
    return false;
  };
  /** The trace's hops if they parse and fit the flow on screen; otherwise the dialog says why. */
  const readFitting = (text: string, source: string): Hop[] | null => {
    const parsed = parseTraceNdjson(text);
    if (!parsed.ok) {
      refuse(`This trace cannot be read (${source})`, parsed.problems);
      return null;
    }
    const problems = recordedTraceProblems(get().present, parsed.hops);
    if (problems.length) {
      refuse(`This trace was not recorded with the flow on screen (${source})`, problems);
      return null;
    }
    return parsed.hops;
  };
  return {
    openRecordedTrace: async (text, source) => {
      const hops = readFitting(text, source);
      if (!hops) return false;
      get().closeDialog();
      const runId = await deps.runs.playRecorded(hops);
      if (runId) get().notify(`Opened the recorded run ${source}: finished, nothing was re-run.`, 'info');
      return runId !== null;
    },
    compareWithRecorded: async (text, source) => {
      const runId = get().run.id;
      if (!runId) {
        get().notify('Run the flow first: a comparison puts the current run beside a recorded one.');
        return false;
      }
      const before = readFitting(text, source);
      if (!before) return false;
      const blob = await deps.trace.exportTrace('ndjson');
      if (!blob || get().run.id !== runId) return false;
      const after = parseTraceNdjson(await blob.text());
      if (!after.ok) return refuse('The current run cannot be compared', after.problems);
      if (get().run.id !== runId) return false;
      const seed = get().run.seed ?? get().present.seed ?? 1;
      const result = compareRuns(get().present, before, after.hops, { seed });
      get().setComparison({ runId, label: source, result, beforeHops: before, picked: null });
      return true;
    },
    pickChangedEvent: async (eventId) => {
      get().pickChanged(eventId);
      await deps.trace.selectEvent(eventId);
    },
    endComparison: () => get().setComparison(null),
  };
}
