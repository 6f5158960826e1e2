import { traceToOtlp, type OtlpTraceRequest } from '@eventflow/shared';
import type { Engine } from '../engine/api.js';
import { eventIndexOf } from '../engine/event-view.js';
import { spanIdOf } from '../engine/random.js';

/**
 * The span id each event's CloudEvent `traceparent` names, computed as `cloudEventOf` does without building the
 * event, so an exported event span is the very span a message's traceparent points at.
 */
export const traceparentSpanIds =
  (seed: number) =>
  (eventId: string): string | undefined => {
    const index = eventIndexOf(eventId);
    return index < 0 ? undefined : spanIdOf(seed, index);
  };

/** The newest `maxHops` stored hops of an engine's run as OTLP/JSON, plus the seqs they span. */
export function engineToOtlp(
  engine: Engine,
  maxHops = Number.POSITIVE_INFINITY,
): { request: OtlpTraceRequest; firstSeq: number; lastSeq: number; hops: number } {
  const trace = engine.trace;
  const lastSeq = trace.lastSeq();
  const firstSeq = Math.max(trace.firstSeq(), lastSeq - Math.max(1, maxHops) + 1, 1);
  const hops = lastSeq >= firstSeq ? trace.read(firstSeq, lastSeq) : [];
  const request = traceToOtlp(engine.flow, hops, { eventSpanId: traceparentSpanIds(engine.seed) });
  return { request, firstSeq, lastSeq, hops: hops.length };
}
