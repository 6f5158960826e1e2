/**
 * A CloudEvents 1.0 event as the engine produces it (structured JSON mode), plus the extensions
 * Eventflow uses to make tracing visible. `time` is derived from the simulated clock on a fixed epoch.
 */
export interface FlowEvent {
  specversion: '1.0';
  id: string;
  /** URI-reference of the node that produced it, e.g. "/nodes/orders". */
  source: string;
  type: string;
  /** RFC 3339, simulated time on the fixed epoch `SIM_EPOCH_MS`. */
  time: string;
  datacontenttype: 'application/json';
  data: unknown;
  /** W3C traceparent: `00-<trace id>-<span id>-01`. */
  traceparent: string;
  partitionkey?: string;
  /** Id of the root event of the chain. */
  correlationid: string;
  /** Id of the event this one was emitted in reaction to. */
  causationid?: string;
}

/** 2026-01-01T00:00:00Z: simulated t = 0 maps here so event times are stable across runs. */
export const SIM_EPOCH_MS = Date.UTC(2026, 0, 1);

/** RFC 3339 time of simulated ms `t`; pure, so traces stay byte-identical. */
export function formatSimTime(t: number): string {
  return new Date(SIM_EPOCH_MS + Math.floor(t)).toISOString();
}
