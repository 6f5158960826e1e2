import type { CountsAt, EventSchema, Hop } from '@eventflow/shared';
import type { AppState } from './store';
import type { LocatedProblem, Severity } from './validate';
import type { CanvasEdge, CanvasNode } from '../model/types';

export const EMPTY_PROBLEMS: readonly LocatedProblem[] = [];

export const selectNodes = (s: AppState): CanvasNode[] => s.nodes;
export const selectEdges = (s: AppState): CanvasEdge[] => s.edges;
export const selectHasNodes = (s: AppState): boolean => s.nodes.length > 0;
export const selectProblems = (s: AppState): readonly LocatedProblem[] => s.validation.problems;
export const selectErrorCount = (s: AppState): number =>
  s.validation.problems.filter((p) => p.severity === 'error').length;
export const selectWarningCount = (s: AppState): number =>
  s.validation.problems.filter((p) => p.severity === 'warning').length;
export const selectCanUndo = (s: AppState): boolean => s.past.length > 0;
export const selectCanRedo = (s: AppState): boolean => s.future.length > 0;
export const selectDialog = (s: AppState) => s.dialog;
export const selectTheme = (s: AppState) => s.theme;

/** The element the inspector shows: the single selected node, else the single selected edge. Returns an id string so re-renders stay cheap. */
export const selectInspectedNodeId = (s: AppState): string | null => {
  let found: string | null = null;
  for (const n of s.nodes) {
    if (!n.selected) continue;
    if (found) return null;
    found = n.id;
  }
  return found;
};
export const selectInspectedEdgeId = (s: AppState): string | null => {
  if (s.nodes.some((n) => n.selected)) return null;
  const picked = s.edges.filter((e) => e.selected);
  return picked.length === 1 && picked[0] ? picked[0].id : null;
};
export const selectSelectionCount = (s: AppState): number =>
  s.nodes.reduce((k, n) => (n.selected ? k + 1 : k), 0) +
  s.edges.reduce((k, e) => (e.selected ? k + 1 : k), 0);

export const selectNodeSeverity =
  (id: string) =>
  (s: AppState): Severity | undefined =>
    s.validation.byNode[id];
export const selectEdgeSeverity =
  (id: string) =>
  (s: AppState): Severity | undefined =>
    s.validation.byEdge[id];
export const selectNodeById = (id: string | null) => (s: AppState) =>
  id ? s.nodes.find((n) => n.id === id) : undefined;
export const selectEdgeById = (id: string | null) => (s: AppState) =>
  id ? s.edges.find((e) => e.id === id) : undefined;

/**
 * The recorded hop Step back shows when it is behind the newest one: the run is then seen "back in time",
 * and the clock reads that hop's time. Null follows the run live.
 */
export const selectBackInTime = (s: AppState): Hop | null => {
  const at = s.stepCursor;
  if (at === null || at >= s.live.hops.length - 1) return null;
  return s.live.hops[at] ?? null;
};

/**
 * While the user has stepped back: the counters recounted as of the hop on screen (`pastCounts.seq` says
 * which; right after a step it may still be the previous hop's until the answer comes). Null follows live.
 */
export const selectPastCounts = (s: AppState): CountsAt | null => {
  if (!selectBackInTime(s)) return null;
  const p = s.pastCounts;
  return p && p.runId === s.run.id ? p.counts : null;
};

/** The topic console's view, if it was read from the current run; null before the first answer or once the run changed. */
export const selectConsoleView = (s: AppState) => {
  const c = s.topicConsole;
  return c && c.runId !== null && c.runId === s.run.id ? c.view : null;
};

const EMPTY_SCHEMAS: readonly EventSchema[] = [];
/** The flow's event schemas (`schemas`), one entry per event type. */
export const selectEventSchemas = (s: AppState): readonly EventSchema[] => s.meta.schemas ?? EMPTY_SCHEMAS;
