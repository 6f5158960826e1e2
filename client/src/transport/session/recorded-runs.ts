import {
  compareRuns,
  createRecordedTraceCheck,
  RECORDED_MAX_HOPS,
  RECORDED_UPLOAD_MAX_HOPS,
  type Problem,
} from '@eventflow/shared';
import type { RecordedProgress } from '../../store/compare-slice';
import type { AppStore } from '../../store/store';
import { xhrUploader, type TraceUploader } from '../recorded-upload';
import type { Channel } from './channel';
import { readTraceInSlices } from './trace-slices';
import type { RunLifecycle } from './run-lifecycle';
import type { TraceQueries } from './trace-queries';

/** Characters of NDJSON below which a trace surely fits one socket message, so its hops are kept while read. */
const SMALL_TRACE_CHARS = RECORDED_MAX_HOPS * 120;

/** Recorded runs: a trace file opened as a finished run, and the current run compared with one. */
export interface RecordedRuns {
  /** Opens a trace NDJSON file of the flow on screen as a finished run. False when refused (a dialog says why). */
  openRecordedTrace: (text: string, source: string) => Promise<boolean>;
  /** Compares the current run with a recorded one ("before"): badges on the canvas, deltas, changed events. */
  compareWithRecorded: (text: string, source: string) => Promise<boolean>;
  /** Shows a changed event: its path in the current run (stepped as usual) and as it went before. */
  pickChangedEvent: (eventId: string) => Promise<void>;
  /**
   * Moves the recorded side of the picked event to hop `index`; with `both`, the current run's step-through
   * moves by as many hops, so the two paths are stepped side by side.
   */
  stepRecordedPath: (index: number, both: boolean) => void;
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
  channel: Pick<Channel, 'token'>;
  /** `POST /api/recorded` for traces above the socket's cap; tests pass their own. */
  uploader?: TraceUploader;
}): RecordedRuns {
  const { store } = deps;
  const upload = deps.uploader ?? xhrUploader;
  const get = () => store.getState();
  const refuse = (title: string, problems: Problem[]) => {
    get().setRecordedProgress(null);
    get().openDialog({ type: 'import-problems', title, problems, openable: false });
    return false;
  };
  const progress = (phase: RecordedProgress['phase'], source: string) => (fraction: number) =>
    get().setRecordedProgress({ phase, fraction, source });
  /**
   * Reads a trace in slices (a progress bar meanwhile) and checks it against the flow on screen. `keep` holds
   * the hops (a comparison needs them); otherwise only a small trace's are, as the socket can carry them.
   */
  const readFitting = async (text: string, source: string, keep: boolean) => {
    const check = createRecordedTraceCheck(get().present);
    const parsed = await readTraceInSlices(text, {
      maxHops: RECORDED_UPLOAD_MAX_HOPS,
      keep: keep || text.length <= SMALL_TRACE_CHARS,
      onHop: check.add,
      onProgress: progress('reading', source),
    });
    if (!parsed.ok) {
      refuse(`This trace cannot be read (${source})`, parsed.problems);
      return null;
    }
    const problems = check.problems();
    if (problems.length) {
      refuse(`This trace was not recorded with the flow on screen (${source})`, problems);
      return null;
    }
    return parsed;
  };
  /** Above the socket's cap the trace goes up over REST first; the run then opens from the upload's handle. */
  const openLarge = async (text: string, source: string): Promise<string | null> => {
    const token = deps.channel.token();
    if (!token) {
      get().notify(
        'The server has not accepted this tab’s session yet. Reload the page to reconnect.',
        'error',
      );
      return null;
    }
    const sent = await upload(text, token, progress('uploading', source));
    if (!sent.ok) {
      refuse(`The trace could not be uploaded (${source}): ${sent.message}`, sent.problems);
      return null;
    }
    progress('opening', source)(0);
    return deps.runs.playRecorded({ upload: sent.value.uploadId });
  };
  return {
    openRecordedTrace: async (text, source) => {
      const read = await readFitting(text, source, false);
      if (!read) return false;
      get().closeDialog();
      const small = read.count <= RECORDED_MAX_HOPS && read.hops.length === read.count;
      if (!small) progress('uploading', source)(0);
      else progress('opening', source)(0);
      const runId = small ? await deps.runs.playRecorded(read.hops) : await openLarge(text, source);
      get().setRecordedProgress(null);
      if (runId)
        get().notify(
          `Opened the recorded run ${source} (${read.count.toLocaleString()} hops): finished, nothing was re-run.`,
          'info',
        );
      return runId !== null;
    },
    compareWithRecorded: async (text, source) => {
      const runId = get().run.id;
      if (!runId) {
        get().notify('Run the flow first: a comparison puts the current run beside a recorded one.');
        return false;
      }
      const before = await readFitting(text, source, true);
      if (!before) return false;
      const blob = await deps.trace.exportTrace('ndjson');
      if (!blob || get().run.id !== runId) {
        get().setRecordedProgress(null);
        return false;
      }
      const after = await readTraceInSlices(await blob.text(), {
        maxHops: RECORDED_UPLOAD_MAX_HOPS,
        keep: true,
        onProgress: progress('reading', 'the current run'),
      });
      get().setRecordedProgress(null);
      if (!after.ok) return refuse('The current run cannot be compared', after.problems);
      if (get().run.id !== runId) return false;
      const seed = get().run.seed ?? get().present.seed ?? 1;
      const result = compareRuns(get().present, before.hops, after.hops, { seed });
      get().setComparison({
        runId,
        label: source,
        result,
        beforeHops: before.hops,
        picked: null,
        beforePath: [],
        beforeIndex: 0,
      });
      return true;
    },
    pickChangedEvent: async (eventId) => {
      get().pickChanged(eventId);
      await deps.trace.selectEvent(eventId);
    },
    stepRecordedPath: (index, both) => {
      const c = get().comparison;
      if (!c?.picked) return;
      const by = index - c.beforeIndex;
      get().setBeforeIndex(index);
      const sel = get().selection;
      if (both && sel?.eventId === c.picked) get().setTraceIndex(sel.index + by);
    },
    endComparison: () => get().setComparison(null),
  };
}
