import type { Hop } from '@eventflow/shared';
import type { TraceReader } from '../engine/api.js';
import type { StreamOptions } from './worker-protocol.js';

/**
 * Turns the engine's growing trace into batches. `flushedSeq` is the stream position: every hop up to it has
 * been streamed (or deliberately sampled away), and `resync` answers from it, so a resyncing client gets exactly
 * the hops before the live stream picks up, none missing and none twice.
 */
export interface HopStream {
  flushedSeq(): number;
  /** `exact` sends every new hop in order (stepping); otherwise a large backlog is sampled. */
  flush(exact: boolean): void;
  resync(fromSeq: number): { hops: Hop[]; complete: boolean };
  /** After a reset the engine's seq starts again at 1. */
  restart(trace: TraceReader): void;
}

export function createHopStream(
  initial: TraceReader,
  opts: StreamOptions,
  send: (hops: Hop[], sampled: boolean) => void,
): HopStream {
  let trace = initial;
  let flushed = 0;
  return {
    flushedSeq: () => flushed,
    flush(exact) {
      const last = trace.lastSeq();
      if (last <= flushed) return;
      const pending = last - flushed;
      const lost = flushed + 1 < trace.firstSeq();
      if (exact || pending <= opts.maxBatch) {
        for (let from = flushed + 1; from <= last; from += opts.maxBatch) {
          const hops = trace.read(from, Math.min(last, from + opts.maxBatch - 1));
          if (hops.length > 0) send(hops, lost);
        }
      } else {
        // The most recent hops, contiguous, so whatever the client animates is current.
        send(trace.read(last - opts.sampleSize + 1, last), true);
      }
      flushed = last;
    },
    resync(fromSeq) {
      const to = flushed;
      const wanted = Math.max(1, fromSeq);
      const from = Math.max(wanted, trace.firstSeq(), to - opts.maxResync + 1);
      const hops = from <= to ? trace.read(from, to) : [];
      return { hops, complete: from === wanted || wanted > to };
    },
    restart(next) {
      trace = next;
      flushed = 0;
    },
  };
}
