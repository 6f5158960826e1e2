import type { BreakpointHit } from '@eventflow/shared';
import type { RunState } from './run-state.js';
import { isEnded } from './run-state.js';
import type { StreamMessage } from './worker-protocol.js';

export interface RunReport {
  postState(reason?: string, hit?: BreakpointHit): void;
  postMetrics(): void;
}

/** The run's `state` and `metrics` messages; an ended run reports what it froze at its release. */
export function createRunReport(
  state: RunState,
  post: (msg: StreamMessage) => void,
  heapBytes: () => number,
): RunReport {
  return {
    postState(reason, hit) {
      const { status, frozen, engine } = state;
      const base = { kind: 'state' as const, status, t: frozen?.t ?? engine.now() };
      const ended = status === 'completed' || isEnded(state);
      // A paused run reports its summary too: that is when a user stops to look at the figures.
      const summary = ended || status === 'paused' ? (frozen?.summary ?? engine.summary()) : undefined;
      post({
        ...base,
        ...(reason ? { reason } : {}),
        ...(summary ? { summary } : {}),
        ...(hit ? { breakpoint: hit } : {}),
      });
    },
    postMetrics() {
      const metrics = state.frozen?.metrics ?? state.engine.metrics();
      post({ kind: 'metrics', t: state.frozen?.t ?? state.engine.now(), ...metrics, heapBytes: heapBytes() });
    },
  };
}
