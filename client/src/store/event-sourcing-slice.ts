import type { AggregateView, ReadModelView } from '@eventflow/shared';
import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './store';

/** The last answers of `projection:read` and `store:aggregate`, each tagged with the run it was read from. */
export interface EventSourcingSlice {
  readModel: { runId: string; view: ReadModelView } | null;
  audit: { runId: string; view: AggregateView } | null;
  setReadModel: (runId: string, view: ReadModelView) => void;
  setAudit: (runId: string, view: AggregateView | null) => void;
}

export const createEventSourcingSlice: StateCreator<AppState, [], [], EventSourcingSlice> = (set) => ({
  readModel: null,
  audit: null,
  setReadModel: (runId, view) => set({ readModel: { runId, view } }),
  setAudit: (runId, view) => set({ audit: view ? { runId, view } : null }),
});

/** The read model of projection `nodeId` in the current run, or null (never another run's). */
export const selectReadModel = (s: AppState, nodeId: string): ReadModelView | null =>
  s.readModel && s.readModel.runId === s.run.id && s.readModel.view.nodeId === nodeId
    ? s.readModel.view
    : null;

/** The audit of the store `nodeId` in the current run, or null. */
export const selectAudit = (s: AppState, nodeId: string): AggregateView | null =>
  s.audit && s.audit.runId === s.run.id && s.audit.view.nodeId === nodeId ? s.audit.view : null;
