import type { NodeDelta } from '@eventflow/shared';
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
