import { RUN_ACCESS } from '@eventflow/shared';

/**
 * A well-formed payload for every command that names a run, for a run of `streamFlow` (nodes `sensor`,
 * `readings`, `store`): tests use it to show that refusals come from ownership, not from validation.
 */
export function validPayloads(runId: string): Record<string, unknown> {
  const payloads: Record<string, unknown> = {
    'run:pause': { runId },
    'run:resume': { runId },
    'run:step': { runId },
    'run:advance': { runId, ms: 100 },
    'run:stop': { runId },
    'run:reset': { runId },
    'run:speed': { runId, speed: 5 },
    'run:seed': { runId, seed: 3 },
    'producer:fire': { runId, nodeId: 'sensor', data: { n: 1 } },
    'node:update': { runId, nodeId: 'store', config: { processingMs: 1 } },
    'group:replay': { runId, nodeId: 'store', fromOffset: 0 },
    'run:topic-outage': { runId, nodeId: 'readings', down: true },
    'consumer:set-down': { runId, nodeId: 'store', down: true },
    'trace:get': { runId, eventId: 'ev-1' },
    'trace:query': { runId },
    'topic:read': { runId, nodeId: 'readings', limit: 10 },
    'run:resync': { runId, fromSeq: 1 },
    'run:metrics-at': { runId, seq: 1 },
    'run:share': { runId },
    'run:breakpoints': { runId, breakpoints: [{ id: 'b1', name: 'store', node: 'store', enabled: true }] },
    'lesson:check': { runId, lessonId: 'fan-out' },
    'run:export-replay': { runId },
    // streamFlow has no store or projection: these answer unknown-node to whoever may ask, never forbidden.
    'projection:read': { runId, nodeId: 'store' },
    'projection:rebuild': { runId, nodeId: 'store' },
    'store:aggregate': { runId, nodeId: 'store', aggregate: 'o-1' },
  };
  const missing = Object.keys(RUN_ACCESS).filter((name) => !(name in payloads));
  if (missing.length > 0) throw new Error(`no test payload for ${missing.join(', ')}`);
  return payloads;
}

export const controlCommands = () => Object.keys(RUN_ACCESS).filter((n) => RUN_ACCESS[n] === 'owner');
export const readCommands = () => Object.keys(RUN_ACCESS).filter((n) => RUN_ACCESS[n] === 'viewer');
