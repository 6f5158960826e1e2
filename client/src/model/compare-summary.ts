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
  /** What the difference means: more acked is better, more lost or slower is worse, traffic is neither. */
  tone: DeltaTone;
}

export type DeltaTone = 'better' | 'worse' | 'neutral';

/** The tone of a difference `d` (right − left) of a figure where `better` says which sign is good (0: neither). */
export function toneOf(d: number, better: 1 | -1 | 0): DeltaTone {
  if (d === 0 || better === 0) return 'neutral';
  return Math.sign(d) === better ? 'better' : 'worse';
}

const COUNT = new Intl.NumberFormat('en-US');
const signed = (n: number, format: (n: number) => string) =>
  n === 0 ? '' : `${n > 0 ? '+' : '−'}${format(Math.abs(n))}`;

type Figure = [key: string, label: string, hint: string, pick: (s: RunSummary) => number, better: 1 | -1 | 0];

const COUNTS: readonly Figure[] = [
  ['produced', 'Events produced', 'Root events the producers published', (s) => s.events.produced, 0],
  ['emitted', 'Events emitted', 'Chained events consumers emitted', (s) => s.events.emitted, 0],
  ['acked', 'Acked', 'Deliveries that ended acknowledged', (s) => s.outcomes.acked, 1],
  [
    'deadLettered',
    'Dead-lettered',
    'Given up on and sent to a dead-letter topic',
    (s) => s.outcomes.deadLettered,
    -1,
  ],
  ['expired', 'Expired', 'Retention or TTL ran out before an outcome', (s) => s.outcomes.expired, -1],
  [
    'dropped',
    'Dropped',
    'Lost: at-most-once failures, give-ups without a DLQ',
    (s) => s.outcomes.dropped,
    -1,
  ],
  ['filtered', 'Filtered', 'Stopped by a subscription filter', (s) => s.outcomes.filtered, 0],
  ['inFlight', 'In flight', 'Owed an outcome when the run ended', (s) => s.outcomes.inFlight, 0],
  ['attempts', 'Processing attempts', 'Deliveries to consumer instances', (s) => s.processing.attempts, 0],
  ['failures', 'Failures', 'Attempts that failed', (s) => s.processing.failures, -1],
  [
    'redeliveries',
    'Redeliveries',
    'Deliveries after the first: retries and lost acks',
    (s) => s.processing.redeliveries,
    -1,
  ],
  [
    'orderViolations',
    'Order violations',
    'A key processed out of its partition order',
    (s) => s.processing.orderViolations,
    -1,
  ],
  [
    'duplicates',
    'Duplicates processed',
    'The same event processed twice by one group',
    (s) => s.processing.duplicatesProcessed,
    -1,
  ],
];

const LATENCIES = ['p50', 'p95', 'p99'] as const;

/**
 * The simulator and a broker run of the same flow and seed, figure by figure. Counts should mostly agree (each
 * attempt makes the same decision); the broker's own interleaving shows in order and timings.
 */
export function compareRows(simulator: RunSummary, broker: RunSummary): CompareRow[] {
  const rows: CompareRow[] = COUNTS.map(([key, label, hint, pick, better]) => {
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
      tone: toneOf(b - a, better),
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
      tone: differs ? toneOf(b - a, -1) : 'neutral',
    });
  }
  return rows;
}

/** One node's latency percentile in two runs: where a design change made a topic or a consumer slower. */
export interface LatencyRow {
  node: string;
  percentile: (typeof LATENCIES)[number];
  before: string;
  after: string;
  delta: string;
  tone: DeltaTone;
}

/**
 * Per node (topics: waiting; consumers: delivery to outcome), p50/p95/p99 before and after, for the nodes with
 * latency in either run, in the order given. A node whose three percentiles are within a millisecond in both is
 * left out: the table lists what moved, and says so when nothing did.
 */
export function nodeLatencyRows(
  nodes: readonly string[],
  before: RunSummary,
  after: RunSummary,
): LatencyRow[] {
  const rows: LatencyRow[] = [];
  for (const node of nodes) {
    const a = before.latency.nodes[node];
    const b = after.latency.nodes[node];
    if (!a?.count && !b?.count) continue;
    const mine = LATENCIES.map((p): LatencyRow => {
      const x = a?.[p] ?? 0;
      const y = b?.[p] ?? 0;
      // A node with no latency on one side (nothing reached it) has no difference to show, only the blank.
      const differs = !!a?.count && !!b?.count && Math.abs(y - x) >= 1;
      return {
        node,
        percentile: p,
        before: a?.count ? formatDuration(x) : '—',
        after: b?.count ? formatDuration(y) : '—',
        delta: differs ? signed(y - x, formatDuration) : '',
        tone: differs ? toneOf(y - x, -1) : 'neutral',
      };
    });
    if (mine.some((r) => r.delta !== '') || !a?.count !== !b?.count) rows.push(...mine);
  }
  return rows;
}
