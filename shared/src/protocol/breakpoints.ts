import { z } from 'zod';
import { CEL_LIMITS } from '../cel/limits.js';
import { HOP_TYPES, HopType } from '../trace/hop.js';
import { RunRef } from './commands.js';

/** Most breakpoints one run holds: each is checked against every hop while any is enabled. */
export const MAX_BREAKPOINTS = 32;

/**
 * Hop types where an event arrives at a node: what a breakpoint watches when it names no hop types, so
 * "Break here" on a consumer pauses once per delivery rather than on each of delivered, processed and acked.
 */
export const ARRIVAL_HOPS = [
  'produced',
  'published',
  'routed',
  'filtered',
  'filter-error',
  'delivered',
] as const satisfies readonly HopType[];

/**
 * A debugger breakpoint: the run pauses on the first hop that matches it, before any later hop exists.
 * It belongs to the client's document session (never to the flow file), so it is sent to each run.
 */
export const Breakpoint = z.strictObject({
  id: z.string().min(1).max(64),
  /** Shown in the pause reason: `breakpoint: <name>`. */
  name: z.string().min(1).max(80),
  /** Node whose hops it watches; omitted = every node (a condition-only breakpoint). */
  node: z.string().min(1).max(64).optional(),
  /** Hop types it stops on; omitted or empty = `ARRIVAL_HOPS`. */
  hops: z.array(HopType).max(HOP_TYPES.length).optional(),
  /**
   * CEL over the event (context `breakpoint`: `event`, `data`, `key`, `type`, `node`, `hop`), e.g.
   * `data.total > 100 && type == "OrderPlaced"`; omitted or blank = always. An evaluation error is "no match".
   */
  condition: z.string().max(CEL_LIMITS.maxSourceLength).optional(),
  /** Disabled breakpoints stay listed but cost nothing: with none enabled the run takes its normal path. */
  enabled: z.boolean(),
});
export type Breakpoint = z.infer<typeof Breakpoint>;

/** Replaces every breakpoint of a run at once (set-all: the client's list is the truth). */
export const RunBreakpoints = RunRef.extend({
  breakpoints: z
    .array(Breakpoint)
    .max(MAX_BREAKPOINTS)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((b, i) => {
        if (seen.has(b.id))
          ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate id '${b.id}'` });
        seen.add(b.id);
      });
    }),
});
export type RunBreakpoints = z.infer<typeof RunBreakpoints>;

/** Why a run paused at a breakpoint: which one, and the hop (the last one the run has produced). */
export const BreakpointHit = z.object({
  id: z.string(),
  name: z.string(),
  seq: z.number().int(),
  event: z.string(),
});
export type BreakpointHit = z.infer<typeof BreakpointHit>;

/** The `run:state` reason of a pause at `name`. */
export const breakpointReason = (name: string) => `breakpoint: ${name}`;
