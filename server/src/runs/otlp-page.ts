import type { Engine } from '../engine/api.js';
import { engineToOtlp } from '../standards/otlp-engine.js';
import type { OtlpPage } from './worker-protocol.js';

/** The newest `maxHops` stored hops of a run as OTLP/JSON text: a bounded store's tail, spans cut where it starts. */
export function otlpPage(engine: Engine, maxHops: number): OtlpPage {
  const { request, firstSeq, lastSeq } = engineToOtlp(engine, maxHops);
  return { json: JSON.stringify(request), firstSeq, lastSeq, evicted: engine.trace.evicted() };
}
