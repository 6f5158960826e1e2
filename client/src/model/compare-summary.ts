import type { RunSummary } from '@eventflow/shared';
import { formatDuration } from './format';

/** One figure of the side-by-side view: the simulator's value, the broker's, and how far apart. */
export interface CompareRow {
  key: string;
  label: string;
  hint: string;
  simulator: string;
  broker: string;
  /** Broker − simulator, signed, empty when equal. */
  delta: string;
  /** Whether the two differ at all (the row is then marked). */
  differs: boolean;
}

const COUNT = new Intl.NumberFormat('en-US');
const signed = (n: number, format: (n: number) => string) =>
  n === 0 ? '' : `${n > 0 ? '+' : '−'}${format(Math.abs(n))}`;

type Figure = [key: string, label: string, hint: string, pick: (s: RunSummary) => number];

const COUNTS: readonly Figure[] = [
  ['produced', 'Events produced', 'Root events the producers published', (s) => s.events.produced],
  ['emitted', 'Events emitted', 'Chained events consumers emitted', (s) => s.events.emitted],
  ['acked', 'Acked', 'Deliveries that ended acknowledged', (s) => s.outcomes.acked],
  [
    'deadLettered',
    'Dead-lettered',
    'Given up on and sent to a dead-letter topic',
    (s) => s.outcomes.deadLettered,
  ],
  ['dropped', 'Dropped', 'Lost: at-most-once failures, give-ups without a DLQ', (s) => s.outcomes.dropped],
  ['filtered', 'Filtered', 'Stopped by a subscription filter', (s) => s.outcomes.filtered],
  ['inFlight', 'In flight', 'Owed an outcome when the run ended', (s) => s.outcomes.inFlight],
  ['attempts', 'Processing attempts', 'Deliveries to consumer instances', (s) => s.processing.attempts],
  ['failures', 'Failures', 'Attempts that failed', (s) => s.processing.failures],
  [
    'redeliveries',
    'Redeliveries',
    'Deliveries after the first: retries and lost acks',
    (s) => s.processing.redeliveries,
  ],
  [
    'orderViolations',
    'Order violations',
    'A key processed out of its partition order',
    (s) => s.processing.orderViolations,
  ],
  [
    'duplicates',
    'Duplicates processed',
    'The same event processed twice by one group',
    (s) => s.processing.duplicatesProcessed,
  ],
];

const LATENCIES = ['p50', 'p95', 'p99'] as const;

/**
 * The simulator and a broker run of the same flow and seed, figure by figure. Counts should mostly agree (each
 * attempt makes the same decision); the broker's own interleaving shows in order and timings.
 */
export function compareRows(simulator: RunSummary, broker: RunSummary): CompareRow[] {
  const rows: CompareRow[] = COUNTS.map(([key, label, hint, pick]) => {
    const a = pick(simulator);
    const b = pick(broker);
    return {
      key,
      label,
      hint,
      simulator: COUNT.format(a),
      broker: COUNT.format(b),
      delta: signed(b - a, (n) => COUNT.format(n)),
      differs: a !== b,
    };
  });
  for (const p of LATENCIES) {
    const a = simulator.latency.endToEnd[p];
    const b = broker.latency.endToEnd[p];
    // Within a millisecond is the same for people; the histogram itself is within 3 %.
    const differs = Math.abs(b - a) >= 1;
    rows.push({
      key: `e2e-${p}`,
      label: `End to end ${p}`,
      hint: 'Root event produced → processed by the consumer that ends its chain',
      simulator: formatDuration(a),
      broker: formatDuration(b),
      delta: differs ? signed(b - a, formatDuration) : '',
      differs,
    });
  }
  return rows;
}
