import { traceToOtlp, type FlowDoc } from '@eventflow/shared';
import type { TraceReader } from '../engine/api.js';
import type { OtlpPage } from './worker-protocol.js';

/** The newest `maxHops` stored hops of a run as OTLP/JSON: a bounded store's tail, spans cut where it starts. */
export function otlpPage(trace: TraceReader, flow: FlowDoc, maxHops: number): OtlpPage {
  const lastSeq = trace.lastSeq();
  const firstSeq = Math.max(trace.firstSeq(), lastSeq - Math.max(1, maxHops) + 1, 1);
  const hops = lastSeq >= firstSeq ? trace.read(firstSeq, lastSeq) : [];
  return { json: JSON.stringify(traceToOtlp(flow, hops)), firstSeq, lastSeq, evicted: trace.evicted() };
}
