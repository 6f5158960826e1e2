import { recordLatency } from '@eventflow/shared';
import type { State } from './model.js';

// The histogram lives in shared so a summary recounted from a trace (`summarizeTrace`) reports the very same
// percentiles as the engine that wrote it.
export {
  bucketOf,
  createHistogram,
  percentile,
  recordLatency as record,
  statsOf,
  type Histogram,
} from '@eventflow/shared';

/**
 * A chain ended (its last consumer processed it): end-to-end latency, run-wide and per root producer, so two
 * designs drawn side by side in one flow are compared on the same seed. A root already evicted from the event
 * table counts only run-wide.
 */
export function recordEndToEnd(s: State, event: number): void {
  const ms = s.now - s.events.origin(event);
  recordLatency(s.latency.endToEnd, ms);
  const root = s.events.root(event);
  const h = s.events.has(root) ? s.latency.byProducer[s.events.source(root)] : undefined;
  if (h) recordLatency(h, ms);
}
