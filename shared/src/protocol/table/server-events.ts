import { z } from 'zod';
import { BrokerKind } from '../../trace/broker.js';
import { Hop } from '../../trace/hop.js';
import { RunSummary } from '../../trace/summary.js';
import { BreakpointHit } from '../breakpoints.js';
import { RunMetrics, RunStatus } from '../metrics.js';
import { event } from './spec.js';

/** Where a run stands: sent on every status change and after each step or advance. */
export const RunStateEvent = z.object({
  runId: z.string(),
  status: RunStatus,
  /** Simulated ms. */
  t: z.number(),
  reason: z.string().optional(),
  summary: RunSummary.optional(),
  /** Set when the run paused at a breakpoint (`reason` is then `breakpoint: <name>`). */
  breakpoint: BreakpointHit.optional(),
  /**
   * A run on a broker, once it has ended: where it ran, and the simulator's summary of the same flow and seed,
   * for the side-by-side view of where reality and the simulation differ.
   */
  broker: z.object({ kind: BrokerKind, address: z.string(), simulator: RunSummary }).optional(),
});
export type RunStateEvent = z.infer<typeof RunStateEvent>;

/** `sampled` is true when hops were left out to keep up; metrics stay exact and `trace:get` has the rest. */
export const TraceHopsEvent = z.object({ runId: z.string(), hops: z.array(Hop), sampled: z.boolean() });
export type TraceHopsEvent = z.infer<typeof TraceHopsEvent>;

export const RunMetricsEvent = z.object({ runId: z.string(), ...RunMetrics.shape });
export type RunMetricsEvent = z.infer<typeof RunMetricsEvent>;

/** Server → client facts, each sent to the room of the run it is about. */
export const serverEvents = {
  'run:state': event({
    payload: RunStateEvent,
    delivery: 'reliable',
    doc: 'every status change and after each step/advance; `summary` (per-group outcomes, latency percentiles, throughput) once paused or ended; `breakpoint` when it paused at one',
  }),
  'trace:hops': event({
    payload: TraceHopsEvent,
    delivery: 'volatile',
    doc: 'at most 20 batches/s while running; every hop in order when stepping or when ≤ 1000 hops are due; otherwise the newest 250 with `sampled: true`; reliable while paused',
  }),
  'run:metrics': event({
    payload: RunMetricsEvent,
    delivery: 'volatile',
    doc: '4/s while running and after each command; exact counters',
  }),
};
