import type { NodeDelta } from '@eventflow/shared';
import { deadLetterSide } from '../model/dead-letter-readers';
import type { Comparison } from './compare-slice';
import type { AppState } from './store';

/** The comparison, while the run it was made for is the one on screen. */
export const selectComparison = (s: AppState): Comparison | null =>
  s.comparison !== null && s.comparison.runId === s.run.id ? s.comparison : null;

/** A node's counter deltas against the recorded run (undefined: no comparison, or nothing moved there). */
export const selectNodeDelta =
  (id: string) =>
  (s: AppState): NodeDelta | undefined =>
    selectComparison(s)?.result.nodes[id];

/** The dead-letter side of the flow on the canvas, computed once per nodes/edges change (shared by every badge). */
let cached: { nodes: AppState['nodes']; edges: AppState['edges']; side: Set<string> } | undefined;
const sideOf = (s: AppState): Set<string> => {
  if (cached?.nodes !== s.nodes || cached.edges !== s.edges)
    cached = { nodes: s.nodes, edges: s.edges, side: deadLetterSide(s.nodes, s.edges) };
  return cached.side;
};

/** Whether a node is a dead-letter topic or reads one (its acked badge is then neither better nor worse). */
export const selectOnDeadLetterSide =
  (id: string) =>
  (s: AppState): boolean =>
    sideOf(s).has(id);
