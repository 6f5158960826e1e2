import { z } from 'zod';

/**
 * A CloudEvents 1.0 event as the engine produces it (structured JSON mode), plus the extensions
 * Eventflow uses to make tracing visible. `time` is derived from the simulated clock on a fixed epoch.
 */
export const FlowEvent = z.object({
  specversion: z.literal('1.0'),
  id: z.string(),
  /** URI-reference of the node that produced it, e.g. "/nodes/orders". */
  source: z.string(),
  type: z.string(),
  /** RFC 3339, simulated time on the fixed epoch `SIM_EPOCH_MS`. */
  time: z.string(),
  datacontenttype: z.literal('application/json'),
  data: z.unknown(),
  /** W3C traceparent: `00-<trace id>-<span id>-01`. */
  traceparent: z.string(),
  partitionkey: z.string().optional(),
  /** Id of the root event of the chain. */
  correlationid: z.string(),
  /** Id of the event this one was emitted in reaction to. */
  causationid: z.string().optional(),
});
export type FlowEvent = z.infer<typeof FlowEvent>;

/** 2026-01-01T00:00:00Z: simulated t = 0 maps here so event times are stable across runs. */
export const SIM_EPOCH_MS = Date.UTC(2026, 0, 1);

/** RFC 3339 time of simulated ms `t`; pure, so traces stay byte-identical. */
export function formatSimTime(t: number): string {
  return new Date(SIM_EPOCH_MS + Math.floor(t)).toISOString();
}
