import type { AppStore } from '../../store/store';
import type { Channel } from './channel';
import { createConsoleQueries, type ConsoleQueries } from './console-queries';
import { createDocuments, type Documents, type DocumentsApi, type LayoutFn } from './documents';
import { createRunLifecycle, type RunLifecycle } from './run-lifecycle';
import { createTraceQueries, type TraceQueries } from './trace-queries';

export type { Channel } from './channel';
export type { LayoutFn, UnsavedChoice } from './documents';
export type { ReplayFrom } from './console-queries';
export { EVENTS_PAGE } from './trace-queries';
export { TOPOLOGY_CHANGED } from './run-lifecycle';

/** The one object views talk to: runs, their trace, and the document on screen. */
export type Session = RunLifecycle & TraceQueries & Documents & ConsoleQueries;

export function createSession(deps: {
  channel: Channel;
  store: AppStore;
  api: DocumentsApi;
  layout: LayoutFn;
  fetcher?: typeof fetch;
}): Session {
  const runs = createRunLifecycle(deps.channel, deps.store);
  const trace = createTraceQueries(deps.channel, deps.store, deps.fetcher);
  const consoleQueries = createConsoleQueries(deps.channel, deps.store);
  const documents = createDocuments({
    store: deps.store,
    api: deps.api,
    layout: deps.layout,
    endRun: runs.endRun,
  });
  return { ...runs, ...trace, ...documents, ...consoleQueries };
}
