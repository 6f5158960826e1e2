import { EMPTY_HIGHLIGHT } from '../model/path';
import { initialRun } from './run-slice';
import type { AppState } from './store';
import { emptyLive } from './trace-slice';

/**
 * Everything the store holds about a run, cleared in one update so no view ever sees the trace of one run
 * beside the state of another. `keepRun` keeps the run itself (a reset or reseed restarts its timeline);
 * otherwise the run is forgotten too (a new document, a topology edit). The session is the only caller.
 */
export function runCleared(s: AppState, { keepRun }: { keepRun: boolean }): Partial<AppState> {
  return {
    run: keepRun ? { ...s.run, t: 0 } : { ...initialRun(), speed: s.run.speed, seed: s.run.seed },
    metrics: null,
    pastCounts: null,
    readModel: null,
    audit: null,
    history: {},
    live: emptyLive(),
    stepCursor: null,
    selection: null,
    highlight: EMPTY_HIGHLIGHT,
    breakpointHit: null,
    comparison: null,
    events: {
      filter: s.events.filter,
      rows: [],
      total: 0,
      loading: false,
      generation: s.events.generation + 1,
    },
  };
}
