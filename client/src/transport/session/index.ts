import type { LoadOrigin } from '../../store/document-slice';
import type { AppStore } from '../../store/store';
import type { FlowDoc } from '@eventflow/shared';
import type { Channel } from './channel';
import { createConsoleQueries, type ConsoleQueries } from './console-queries';
import { createEventSourcingQueries, type EventSourcingQueries } from './event-sourcing-queries';
import { createDocuments, type Documents, type DocumentsApi, type LayoutFn } from './documents';
import { createRunLifecycle, type RunLifecycle } from './run-lifecycle';
import { forgetRun, isRunOf, readRememberedRun, rememberRuns, resumeRun, type RunMemory } from './run-resume';
import { createTraceQueries, type TraceQueries } from './trace-queries';
import { createBreakpoints, type Breakpoints } from './breakpoints';
import { watchPastCounts } from './past-counts';
import { createLessons, type Lessons } from './lesson-checks';
import { createReplays, isReplayFile, type Replays } from './replays';
import type { TraceUploader } from '../recorded-upload';
import { createRecordedRuns, looksLikeTrace, type RecordedRuns } from './recorded-runs';
import type { Api } from '../api';
import { createWorkshop, type Workshop } from './workshop';
import { readWorkshop } from './workshop-memory';

export type { Channel } from './channel';
export type { LayoutFn, UnsavedChoice } from './documents';
export type { ReplayFrom } from './console-queries';
export { EVENTS_PAGE } from './trace-queries';
export { watchEventsRefresh } from './events-refresh';
export { NO_PRODUCER, TOPOLOGY_CHANGED } from './run-lifecycle';
export { RUN_GONE, RUN_STORAGE_KEY } from './run-resume';
export type { NameTaken, SaveAsOutcome } from './save-as';
export type { JoinOutcome } from './workshop';
export { PRESENTERS_RUN } from './presenters-run';
export { WORKSHOP_STORAGE_KEY } from './workshop-memory';

export interface Resume {
  /**
   * After a reload: when this tab had a run of `draft`'s drawing, puts the draft back on screen without
   * asking and takes the run up again (`run:resync`). False when there is no such run: ask as usual.
   */
  resumeAfterReload: (draft: { doc: FlowDoc; origin: LoadOrigin } | null) => Promise<boolean>;
}

/** The one object views talk to: runs, their trace, and the document on screen. */
export type Session = RunLifecycle &
  TraceQueries &
  Documents &
  Resume &
  ConsoleQueries &
  EventSourcingQueries &
  Breakpoints &
  Lessons &
  Replays &
  RecordedRuns &
  Workshop;

export function createSession(deps: {
  channel: Channel;
  store: AppStore;
  api: DocumentsApi & Pick<Api, 'listLessons'>;
  layout: LayoutFn;
  fetcher?: typeof fetch;
  /** Uploads a trace above the socket's cap (`POST /api/recorded`); XMLHttpRequest unless a test passes one. */
  uploader?: TraceUploader;
  /** Where the tab remembers its current run across a reload (sessionStorage); null forgets it. */
  memory?: RunMemory | null;
}): Session {
  const memory = deps.memory ?? null;
  const runs = createRunLifecycle(deps.channel, deps.store);
  const trace = createTraceQueries(deps.channel, deps.store, deps.fetcher);
  const consoleQueries = createConsoleQueries(deps.channel, deps.store);
  const documents = createDocuments({
    store: deps.store,
    api: deps.api,
    layout: deps.layout,
    endRun: runs.endRun,
  });
  const unremember = rememberRuns(deps.store, memory);
  const workshop = createWorkshop({
    channel: deps.channel,
    store: deps.store,
    trace,
    endRun: runs.endRun,
    memory,
  });
  // Asked once per tab: StrictMode mounts twice, and a second resume would restart the first.
  let resuming: Promise<boolean> | null = null;
  const resume: Resume['resumeAfterReload'] = async (draft) => {
    // An attendee's tab comes back following the presenter; its stored draft stays for later.
    const saved = readWorkshop(memory);
    if (saved?.role === 'attendee') return (await workshop.resumeWorkshop()) === 'attendee';
    const resumed = await resumeOwnRun(draft);
    // The presenter's role back once the run is on screen again, so the room is handed that run.
    if (saved?.role === 'presenter') await workshop.resumeWorkshop();
    return resumed;
  };
  const resumeOwnRun: Resume['resumeAfterReload'] = async (draft) => {
    const run = readRememberedRun(memory);
    if (!run) return false;
    if (!draft || !isRunOf(run, draft.doc)) {
      forgetRun(memory);
      return false;
    }
    await documents.openDocument(draft.doc, draft.origin, 'restore the draft');
    await resumeRun(deps.channel, deps.store, run);
    return true;
  };
  const resumeAfterReload: Resume['resumeAfterReload'] = (draft) => (resuming ??= resume(draft));
  const breakpoints = createBreakpoints(deps.channel, deps.store, trace);
  const unwatchPast = watchPastCounts(deps.channel, deps.store);
  const lessons = createLessons(deps.channel, deps.store, deps.api);
  const replays = createReplays({ channel: deps.channel, store: deps.store, documents, runs });
  const recorded = createRecordedRuns({
    store: deps.store,
    runs,
    trace,
    channel: deps.channel,
    ...(deps.uploader ? { uploader: deps.uploader } : {}),
  });
  // A shared run and a recorded trace come in through Import like a flow file; their format tells them apart.
  const importText: Documents['importText'] = async (text, source) => {
    if (looksLikeTrace(text)) return recorded.openRecordedTrace(text, source);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return documents.importText(text, source);
    }
    return isReplayFile(raw) ? replays.openReplay(raw, source) : documents.importText(text, source);
  };
  const dispose = () => {
    lessons.dispose();
    workshop.dispose();
    unwatchPast();
    runs.dispose();
    breakpoints.dispose();
    unremember();
  };
  return {
    ...runs,
    ...trace,
    ...documents,
    ...consoleQueries,
    ...createEventSourcingQueries(deps.channel, deps.store),
    ...breakpoints.api,
    ...lessons.api,
    ...replays,
    ...recorded,
    importText,
    ...workshop,
    resumeAfterReload,
    dispose,
  };
}
