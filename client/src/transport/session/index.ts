import type { AppStore } from '../../store/store';
import type { Channel } from './channel';
import { createDocuments, type Documents, type DocumentsApi, type LayoutFn } from './documents';
import { createRunLifecycle, type RunLifecycle } from './run-lifecycle';
import { createTraceQueries, type TraceQueries } from './trace-queries';
import { createBreakpoints, type Breakpoints } from './breakpoints';

export type { Channel } from './channel';
export type { LayoutFn, UnsavedChoice } from './documents';
export { EVENTS_PAGE } from './trace-queries';
export { TOPOLOGY_CHANGED } from './run-lifecycle';

/** The one object views talk to: runs, their trace, and the document on screen. */
export type Session = RunLifecycle & TraceQueries & Documents & Breakpoints;

export function createSession(deps: {
  channel: Channel;
  store: AppStore;
  api: DocumentsApi;
  layout: LayoutFn;
  fetcher?: typeof fetch;
}): Session {
  const runs = createRunLifecycle(deps.channel, deps.store);
  const trace = createTraceQueries(deps.channel, deps.store, deps.fetcher);
  const documents = createDocuments({
    store: deps.store,
    api: deps.api,
    layout: deps.layout,
    endRun: runs.endRun,
  });
  const breakpoints = createBreakpoints(deps.channel, deps.store, trace);
  const dispose = () => {
    runs.dispose();
    breakpoints.dispose();
  };
  return { ...runs, ...trace, ...documents, ...breakpoints.api, dispose };
}
