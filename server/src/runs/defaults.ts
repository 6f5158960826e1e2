import type { RunLimits, StreamOptions } from './worker-protocol.js';

/** Production budgets of one run; tests pass smaller ones. */
export const DEFAULT_RUN_LIMITS: RunLimits = {
  maxHops: 200_000_000,
  maxCpuMs: 30 * 60_000,
  storeCapacity: 1_000_000,
};

export const DEFAULT_STREAM: StreamOptions = {
  flushMs: 50,
  metricsMs: 250,
  maxBatch: 1000,
  sampleSize: 250,
  maxResync: 20_000,
};

export const DEFAULT_MAX_RUNS = 8;
export const DEFAULT_WORKER_HEAP_MB = 512;
