import type { TraceReader } from '../engine/api.js';
import type { RunCommand, TracePage } from './worker-protocol.js';

/** Widest `read` page in seqs, whatever the host asks for: one page is one structured-clone message. */
const MAX_READ_PAGE = 50_000;

export function readPage(
  trace: TraceReader,
  c: Extract<RunCommand, { op: 'read' }>,
  generation: number,
): TracePage {
  const firstSeq = trace.firstSeq();
  const lastSeq = trace.lastSeq();
  const to = Math.min(c.toSeq ?? lastSeq, lastSeq);
  const from = Math.max(c.fromSeq, firstSeq);
  const end = Math.min(to, from + Math.max(1, Math.min(c.limit, MAX_READ_PAGE)) - 1);
  const hops = from <= end ? trace.read(from, end) : [];
  return {
    hops,
    firstSeq,
    lastSeq,
    evicted: trace.evicted(),
    nextSeq: Math.max(end, c.fromSeq - 1) + 1,
    generation,
  };
}
