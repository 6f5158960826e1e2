import {
  GroupReplay,
  NodeUpdate,
  ProducerFire,
  RunAdvance,
  RunRef,
  RunSeed,
  RunSpeed,
  RunStep,
  TraceGet,
  TraceQuery,
  type ClientToServerEvents,
} from '@eventflow/shared';
import type { z } from 'zod';
import type { RunCommand } from '../../runs/worker-protocol.js';

interface RunCommandSpec<S extends z.ZodType> {
  schema: S;
  toCommand: (c: z.infer<S>) => RunCommand;
}

const spec = <S extends z.ZodType>(
  schema: S,
  toCommand: (c: z.infer<S>) => RunCommand,
): RunCommandSpec<S> => ({
  schema,
  toCommand,
});

/**
 * Socket commands that address an existing run, mapped onto the worker's commands. `run:start`,
 * `run:resync` and `session:hello` need more than a forward and are handled on their own.
 */
export const runCommands = {
  'run:pause': spec(RunRef, () => ({ op: 'pause' })),
  'run:resume': spec(RunRef, () => ({ op: 'resume' })),
  'run:step': spec(RunStep, (c) => ({ op: 'step', hops: c.hops ?? 1 })),
  'run:advance': spec(RunAdvance, (c) => ({ op: 'advance', ms: c.ms })),
  'run:stop': spec(RunRef, () => ({ op: 'stop' })),
  'run:reset': spec(RunRef, () => ({ op: 'reset' })),
  'run:speed': spec(RunSpeed, (c) => ({ op: 'speed', speed: c.speed })),
  'run:seed': spec(RunSeed, (c) => ({ op: 'seed', seed: c.seed })),
  'producer:fire': spec(ProducerFire, (c) => ({
    op: 'fire',
    nodeId: c.nodeId,
    ...(c.data === undefined ? {} : { data: c.data }),
  })),
  'node:update': spec(NodeUpdate, (c) => ({ op: 'update', nodeId: c.nodeId, config: c.config })),
  'group:replay': spec(GroupReplay, (c) => ({ op: 'replay', nodeId: c.nodeId, fromOffset: c.fromOffset })),
  'trace:get': spec(TraceGet, (c) => ({ op: 'get', eventId: c.eventId })),
  'trace:query': spec(TraceQuery, (c) => ({
    op: 'query',
    filter: c.filter,
    ...(c.cursor === undefined ? {} : { cursor: c.cursor }),
    ...(c.limit === undefined ? {} : { limit: c.limit }),
  })),
} satisfies Partial<Record<keyof ClientToServerEvents, RunCommandSpec<z.ZodType>>>;

export type RunCommandName = keyof typeof runCommands;
export const RUN_COMMAND_NAMES = Object.keys(runCommands) as RunCommandName[];
