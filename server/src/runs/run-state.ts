import type { RecordedStep, RunStatus, RunSummary, Speed } from '@eventflow/shared';
import type { Engine } from '../engine/api.js';

/** What an ended run still reports once its engine's scheduling state is released. */
export interface Frozen {
  t: number;
  summary: RunSummary;
  metrics: ReturnType<Engine['metrics']>;
  /** Nothing was left to run when it ended. */
  idle: boolean;
}

/** The run's mutable state, shared by its control, its command handlers and its loop. */
export interface RunState {
  seed: number;
  engine: Engine;
  status: RunStatus;
  speed: Speed;
  cpuMs: number;
  generation: number;
  frozen: Frozen | undefined;
  /** What changed the engine since it was made, for `run:export-replay`; a reset starts it again. */
  log: RecordedStep[];
  /** Idle while a real webhook's answer is on its way: the pacer starts again when it arrives. */
  awaiting: boolean;
}

export const ENDED: readonly RunStatus[] = ['stopped', 'failed'];

export const isEnded = (state: RunState): boolean => ENDED.includes(state.status);
