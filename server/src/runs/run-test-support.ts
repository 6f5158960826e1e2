import type { FlowDocInput } from '@eventflow/shared';
import { pino } from 'pino';
import { DEFAULT_STREAM } from './defaults.js';
import { createRunService, type RunService, type RunServiceOptions, type StartRun } from './run-service.js';
import type { StreamMessage } from './worker-protocol.js';

export interface TestRuns {
  runs: RunService;
  /** Every stream message forwarded, per run, in order. */
  streams: Map<string, StreamMessage[]>;
  /** States forwarded for one run. */
  states(runId: string): Extract<StreamMessage, { kind: 'state' }>[];
}

/** A run service with real workers and small budgets; `onStream` sees each message after the service. */
export function startTestRuns(
  tune: Partial<Omit<RunServiceOptions, 'log' | 'onStream'>> = {},
  onStream?: (runId: string, msg: StreamMessage, runs: RunService) => void,
): TestRuns {
  let counter = 0;
  const streams = new Map<string, StreamMessage[]>();
  const runs: RunService = createRunService({
    maxRuns: 8,
    limits: { maxHops: 50_000_000, maxCpuMs: 120_000, storeCapacity: 200_000 },
    stream: DEFAULT_STREAM,
    maxOldGenerationSizeMb: 256,
    spareWorkers: 1,
    replyTimeoutMs: 20_000,
    unwatchedGraceMs: 60_000,
    newRunId: () => `run-${++counter}`,
    ...tune,
    log: pino({ level: 'silent' }),
    onStream: (runId, msg) => {
      const list = streams.get(runId) ?? [];
      list.push(msg);
      streams.set(runId, list);
      onStream?.(runId, msg, runs);
    },
  });
  return {
    runs,
    streams,
    states: (runId) =>
      (streams.get(runId) ?? []).filter(
        (m): m is Extract<StreamMessage, { kind: 'state' }> => m.kind === 'state',
      ),
  };
}

/** A three-node flow that needs `count` events (endless without it). */
export function tinyFlow(count?: number): FlowDocInput {
  return {
    format: 'eventflow.flow',
    version: 1,
    name: 'Tiny',
    nodes: [
      { id: 'p', kind: 'producer', config: { eventType: 'Tick', rate: 10, ...(count ? { count } : {}) } },
      { id: 't', kind: 'topic' },
      { id: 'c', kind: 'consumer' },
    ],
    edges: [
      { id: 'e1', source: 'p', target: 't' },
      { id: 'e2', source: 't', target: 'c' },
    ],
  };
}

/**
 * Grows its engine's state without bound at max speed: events arrive far faster than one slow consumer takes
 * them, so the topic's log (and every event it still holds) keeps growing.
 */
export function backlogFlow(): FlowDocInput {
  return {
    format: 'eventflow.flow',
    version: 1,
    name: 'Backlog',
    nodes: [
      { id: 'flood', kind: 'producer', config: { eventType: 'Flood', rate: 100_000 } },
      { id: 'queue', kind: 'topic' },
      { id: 'slow', kind: 'consumer', config: { processingMs: 1000 } },
    ],
    edges: [
      { id: 'f1', source: 'flood', target: 'queue' },
      { id: 'f2', source: 'queue', target: 'slow' },
    ],
  };
}

export const start = (runs: RunService, owner: string, flow: unknown, more: Partial<StartRun> = {}) =>
  runs.start({ flow, speed: 1, paused: true, owner, ...more });

export const lastHeap = (t: TestRuns, runId: string) =>
  (t.streams.get(runId) ?? []).filter((m) => m.kind === 'metrics').at(-1)?.heapBytes ?? 0;
