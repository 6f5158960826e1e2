import {
  GroupReplay,
  NodeUpdate,
  ProducerFire,
  RunAdvance,
  RunBreakpoints,
  RunMetricsAt,
  RunRef,
  RunSeed,
  RunSpeed,
  RunStep,
  TopicRead,
  TraceGet,
  TraceQuery,
  type ClientToServerEvents,
} from '@eventflow/shared';
import type { z } from 'zod';
import type { RunCommand } from '../../runs/worker-protocol.js';
import type { Access } from './run-access.js';

interface RunCommandSpec<S extends z.ZodType> {
  schema: S;
  /** `viewer` commands only read the run, so a session it was shared with may send them. */
  access: Access;
  toCommand: (c: z.infer<S>) => RunCommand;
}

const spec = <S extends z.ZodType>(
  access: Access,
  schema: S,
  toCommand: (c: z.infer<S>) => RunCommand,
): RunCommandSpec<S> => ({ schema, access, toCommand });

/**
 * Socket commands that address an existing run, mapped onto the worker's commands. `run:start`,
 * `run:resync`, `run:share`, `run:watch` and `session:hello` need more than a forward and are handled on
 * their own; their access is in `specialRunAccess`.
 */
export const runCommands = {
  'run:pause': spec('owner', RunRef, () => ({ op: 'pause' })),
  'run:resume': spec('owner', RunRef, () => ({ op: 'resume' })),
  'run:step': spec('owner', RunStep, (c) => ({ op: 'step', hops: c.hops ?? 1 })),
  'run:advance': spec('owner', RunAdvance, (c) => ({ op: 'advance', ms: c.ms })),
  'run:stop': spec('owner', RunRef, () => ({ op: 'stop' })),
  'run:reset': spec('owner', RunRef, () => ({ op: 'reset' })),
  'run:speed': spec('owner', RunSpeed, (c) => ({ op: 'speed', speed: c.speed })),
  'run:seed': spec('owner', RunSeed, (c) => ({ op: 'seed', seed: c.seed })),
  'producer:fire': spec('owner', ProducerFire, (c) => ({
    op: 'fire',
    nodeId: c.nodeId,
    ...(c.data === undefined ? {} : { data: c.data }),
  })),
  'node:update': spec('owner', NodeUpdate, (c) => ({ op: 'update', nodeId: c.nodeId, config: c.config })),
  'group:replay': spec('owner', GroupReplay, (c) =>
    c.fromTime === undefined
      ? { op: 'replay', nodeId: c.nodeId, fromOffset: c.fromOffset ?? 0 }
      : { op: 'replay', nodeId: c.nodeId, fromTime: c.fromTime },
  ),
  'trace:get': spec('viewer', TraceGet, (c) => ({ op: 'get', eventId: c.eventId })),
  'topic:read': spec('viewer', TopicRead, ({ runId: _runId, ...query }) => ({ op: 'topic', ...query })),
  'run:metrics-at': spec('viewer', RunMetricsAt, (c) => ({ op: 'counts', seq: c.seq })),
  'trace:query': spec('viewer', TraceQuery, (c) => ({
    op: 'query',
    filter: c.filter,
    ...(c.cursor === undefined ? {} : { cursor: c.cursor }),
    ...(c.limit === undefined ? {} : { limit: c.limit }),
  })),
  'run:breakpoints': spec('owner', RunBreakpoints, (c) => ({
    op: 'breakpoints',
    breakpoints: c.breakpoints,
  })),
} satisfies Partial<Record<keyof ClientToServerEvents, RunCommandSpec<z.ZodType>>>;

export type RunCommandName = keyof typeof runCommands;
export const RUN_COMMAND_NAMES = Object.keys(runCommands) as RunCommandName[];

/** The other commands that name a run (`run:watch` is gated by its view key instead). */
export const specialRunAccess = {
  'run:resync': 'viewer',
  'run:share': 'owner',
} as const satisfies Partial<Record<keyof ClientToServerEvents, Access>>;

/** Every command that names a run and the access it needs: the one place that says which are read-only. */
export const RUN_ACCESS: Readonly<Record<string, Access>> = {
  ...Object.fromEntries(RUN_COMMAND_NAMES.map((n) => [n, runCommands[n].access])),
  ...specialRunAccess,
};
