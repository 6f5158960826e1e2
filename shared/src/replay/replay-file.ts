import { z } from 'zod';
import { BoundedJson, jsonWithin } from '../protocol/json-limits.js';

const NodeRef = z.string().min(1).max(64);

/**
 * Where the engine stood when a command reached it: simulated ms and how many scheduled tasks had run. Time
 * alone is not enough: a run stepped hop by hop stops between tasks due at the same instant, and a command
 * there lands between them.
 */
export const EnginePosition = z.strictObject({
  t: z.number().finite().min(0),
  tasks: z.number().int().min(0),
  /** Hops visible (the trace's last seq): a task may write several hops that a step reveals one by one. */
  seq: z.number().int().min(0),
});
export type EnginePosition = z.infer<typeof EnginePosition>;

/** The commands that change a run's trace; pacing, stepping and reads do not, so they are not recorded. */
export const RecordedCommand = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('fire'), nodeId: NodeRef, data: BoundedJson.optional() }),
  z.strictObject({
    op: z.literal('update'),
    nodeId: NodeRef,
    config: z.record(z.string(), z.unknown()).superRefine(jsonWithin()),
  }),
  z.strictObject({ op: z.literal('replay'), nodeId: NodeRef, fromOffset: z.number().int().min(0) }),
  z.strictObject({ op: z.literal('replay-time'), nodeId: NodeRef, fromTime: z.number().finite().min(0) }),
  // A hand-made broker outage: the engine's topics and producers behave differently from here on.
  z.strictObject({ op: z.literal('outage'), nodeId: NodeRef, down: z.boolean() }),
  // A real webhook's answer (HTTP status, 0 = timed out), so a replay needs no endpoint.
  z.strictObject({
    op: z.literal('webhook-response'),
    requestId: z.number().int().min(1),
    status: z.number().int().min(0).max(599),
  }),
  // A consumer (or one instance of it) taken down or brought back by hand: its group rebalances from here on.
  z.strictObject({
    op: z.literal('down'),
    nodeId: NodeRef,
    down: z.boolean(),
    instance: z.number().int().min(0).max(63).optional(),
  }),
  // A projection rebuilt by hand: its rebuild's hops and the read model it puts in place follow from here.
  z.strictObject({ op: z.literal('rebuild'), nodeId: NodeRef, fromSnapshot: z.boolean() }),
]);
export type RecordedCommand = z.infer<typeof RecordedCommand>;

export const RecordedStep = z.strictObject({ at: EnginePosition, command: RecordedCommand });
export type RecordedStep = z.infer<typeof RecordedStep>;

/** Most commands one replay carries (a workshop run has a handful; this bounds a hostile file). */
export const REPLAY_MAX_COMMANDS = 10_000;

/** What a run did to its engine after the start, in order: enough, with the flow and seed, to redo it. */
export const ReplayScript = z.strictObject({
  commands: z.array(RecordedStep).max(REPLAY_MAX_COMMANDS),
  /** Where the run stood when it was shared; a replay stops (paused) there. */
  end: EnginePosition,
});
export type ReplayScript = z.infer<typeof ReplayScript>;

/**
 * `<flow>.replay.json`: a run anyone can reproduce hop for hop on any Eventflow, because the engine is
 * deterministic in (flow, seed, commands at their positions). Versioned on its own, apart from the flow.
 */
export const ReplayFile = z.strictObject({
  format: z.literal('eventflow.replay'),
  version: z.literal(1),
  /** The flow as the run ran it (defaults filled in); `parseFlow` checks it again on the way in. */
  flow: z.unknown().superRefine(jsonWithin({ maxDepth: 64, maxBytes: 8 * 1024 * 1024 })),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
  script: ReplayScript,
  /** The last hop's seq when it was shared: a replay that does not reach it exactly did not reproduce. */
  lastSeq: z.number().int().min(0),
});
export type ReplayFile = z.infer<typeof ReplayFile>;
export type ReplayFileInput = z.input<typeof ReplayFile>;
