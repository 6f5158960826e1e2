import { createTraceLineReader, type Hop, type RecordedTrace } from '@eventflow/shared';

/** Lines read between two yields to the browser: a few milliseconds of work, so the progress bar repaints. */
const SLICE_LINES = 20_000;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * `parseTraceNdjson` in slices: a trace of a million hops takes seconds to check, and the page must keep
 * painting (and show how far it got) meanwhile. `keep: false` counts the hops without holding them.
 */
export async function readTraceInSlices(
  text: string,
  opts: {
    maxHops: number;
    keep: boolean;
    onHop?: (hop: Hop) => void;
    onProgress: (fraction: number) => void;
  },
): Promise<RecordedTrace & { count: number }> {
  const reader = createTraceLineReader({
    maxHops: opts.maxHops,
    keep: opts.keep,
    ...(opts.onHop ? { onHop: opts.onHop } : {}),
  });
  let from = 0;
  let lines = 0;
  while (from <= text.length) {
    const nl = text.indexOf('\n', from);
    const to = nl < 0 ? text.length : nl;
    if (!reader.line(text.slice(from, to))) break;
    from = to + 1;
    if (++lines % SLICE_LINES === 0) {
      opts.onProgress(Math.min(1, from / Math.max(1, text.length)));
      await nextTask();
    }
  }
  opts.onProgress(1);
  return { ...reader.finish(), count: reader.count };
}
