import type { GroupSummary, LatencyStats, NodeKind, RunSummary } from '@eventflow/shared';
import { formatDuration } from './format';

/** How a figure reads at a glance: a loss is bad when non-zero, a warning is worth a look, the rest neutral. */
export type Tone = 'good' | 'bad' | 'warn' | 'neutral';

type GroupFigure = Exclude<keyof GroupSummary, 'group' | 'consumers'>;

/** The Run summary's per-group rows, in the order they are shown, with the name each row carries on screen. */
export const GROUP_FIGURES: readonly { key: GroupFigure; label: string; tone: Tone; hint: string }[] = [
  {
    key: 'expected',
    label: 'Expected',
    tone: 'neutral',
    hint: 'Events published to the topics this group reads (one per publication × subscription)',
  },
  { key: 'acked', label: 'Acked', tone: 'good', hint: 'Processed and acknowledged' },
  { key: 'filtered', label: 'Filtered', tone: 'neutral', hint: "Did not pass the subscription's filter" },
  {
    key: 'dropped',
    label: 'Dropped',
    tone: 'bad',
    hint: 'Lost: failed with no retry left and no dead-letter queue, or at-most-once',
  },
  {
    key: 'deadLettered',
    label: 'Dead-lettered',
    tone: 'bad',
    hint: 'Gave up after the last attempt and went to the dead-letter topic',
  },
  {
    key: 'expired',
    label: 'Expired',
    tone: 'bad',
    hint: 'Removed by the topic’s retention before this group read it',
  },
  {
    key: 'inFlight',
    label: 'In flight',
    tone: 'warn',
    hint: 'Not finished yet: waiting in the topic, being processed or retrying',
  },
  {
    key: 'duplicatesProcessed',
    label: 'Duplicates processed',
    tone: 'bad',
    hint: 'Redeliveries processed again (side effects applied twice)',
  },
  {
    key: 'duplicatesSkipped',
    label: 'Duplicates skipped',
    tone: 'good',
    hint: 'Redeliveries an exactly-once group recognised and acknowledged without processing',
  },
  {
    key: 'orderViolations',
    label: 'Order violations',
    tone: 'bad',
    hint: 'Events of one key processed after a later event of the same key',
  },
  {
    key: 'ackedPerSecond',
    label: 'Acked per second',
    tone: 'neutral',
    hint: 'Acks per simulated second, up to the group’s last ack',
  },
];

/** The latency table's columns. */
export const LATENCY_COLUMNS = ['p50', 'p95', 'p99', 'max'] as const;

/** Names on the live badges under canvas nodes (`run/LiveBadges.tsx`), for texts that point at them. */
export const CANVAS_BADGES = ['in', 'out', 'lag', 'depth', 'dead-lettered', 'dropped', 'expired'] as const;

/** Every name the Run summary shows: what example texts may call "the Run summary's … row". */
export const SUMMARY_VOCABULARY: readonly string[] = [
  ...GROUP_FIGURES.map((f) => f.label),
  'Conservation',
  'Throughput',
  'End to end',
  ...LATENCY_COLUMNS,
];

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const RATE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** A count or a rate for people: `1,204`, `10.3`. */
export const formatFigure = (key: GroupFigure, n: number): string =>
  key === 'ackedPerSecond' ? RATE.format(n) : COUNT.format(n);

/** The tone one cell takes: a loss that did not happen is no alarm. */
export function toneOf(tone: Tone, n: number): Tone {
  if (n === 0) return 'neutral';
  return tone;
}

export interface FigureRow {
  key: GroupFigure;
  label: string;
  hint: string;
  cells: { group: string; text: string; value: number; tone: Tone }[];
}

/** Rows of figures × columns of groups: comparing groups side by side is what most examples ask for. */
export function groupRows(summary: RunSummary): FigureRow[] {
  return GROUP_FIGURES.map((f) => ({
    key: f.key,
    label: f.label,
    hint: f.hint,
    cells: summary.groups.map((g) => ({
      group: g.group,
      text: formatFigure(f.key, g[f.key]),
      value: g[f.key],
      tone: toneOf(f.tone, g[f.key]),
    })),
  }));
}

export interface LatencyRow {
  id: string;
  name: string;
  kind: NodeKind | 'end-to-end';
  count: string;
  /** Formatted p50/p95/p99/max; `–` when nothing was measured. */
  values: Record<(typeof LATENCY_COLUMNS)[number], string>;
}

function latencyRow(id: string, name: string, kind: LatencyRow['kind'], l: LatencyStats): LatencyRow {
  const show = (ms: number) => (l.count ? formatDuration(ms) : '–');
  return {
    id,
    name,
    kind,
    count: COUNT.format(l.count),
    values: { p50: show(l.p50), p95: show(l.p95), p99: show(l.p99), max: show(l.max) },
  };
}

/** Latency per topic and consumer in the document's order, then end to end (and per producer, if several). */
export function latencyRows(
  summary: RunSummary,
  nodes: readonly { id: string; label: string; kind: NodeKind }[],
): LatencyRow[] {
  const rows: LatencyRow[] = [];
  for (const n of nodes) {
    const l = summary.latency.nodes[n.id];
    if (l) rows.push(latencyRow(n.id, n.label || n.id, n.kind, l));
  }
  rows.push(latencyRow('end-to-end', 'End to end', 'end-to-end', summary.latency.endToEnd));
  // Designs drawn side by side in one flow: each producer's chains end to end, on the same seed.
  const by = summary.latency.endToEndBy ?? {};
  for (const n of nodes) {
    const l = by[n.id];
    if (l) rows.push(latencyRow(`end-to-end.${n.id}`, `End to end from ${n.label || n.id}`, 'end-to-end', l));
  }
  return rows;
}

/** One line on the conservation check, in the words the summary uses. */
export function conservationText(summary: RunSummary): string {
  const c = summary.conservation;
  const inFlight = summary.outcomes.inFlight;
  if (!c.ok)
    return `Conservation failed: ${COUNT.format(c.expected)} expected, ${COUNT.format(c.accounted + inFlight)} accounted for`;
  const tail = inFlight ? `, ${COUNT.format(inFlight)} still in flight` : '';
  return `Conservation holds: ${COUNT.format(c.accounted)} of ${COUNT.format(c.expected)} deliveries have an outcome${tail}`;
}

export const formatRate = (perSecond: number): string => `${RATE.format(perSecond)}/s`;

const ENDED = new Set(['completed', 'stopped', 'failed']);

/**
 * Whether the Run summary should open itself on a phase change: when a playing run pauses, or a run ends.
 * A run that starts paused, a reset (paused again at t = 0) and steps within a pause do not.
 */
export function opensSummary(prev: string, next: string, reason?: string): boolean {
  if (reason === 'reset') return false;
  if (next === 'paused') return prev === 'running';
  return ENDED.has(next) && !ENDED.has(prev) && prev !== 'idle' && prev !== 'starting';
}
