import type { EventOutcomes, NodeDelta, NodeStats } from '@eventflow/shared';

/** One +/- badge on a node of the canvas: a counter that moved between the recorded run and this one. */
export interface DeltaBadge {
  key: keyof NodeStats;
  text: string;
  /** Better (more acked, fewer lost), worse, or neither (traffic in and out). */
  tone: 'better' | 'worse' | 'neutral';
}

/** The figures a badge may show, most telling first, and which way is better. */
const FIGURES: readonly [keyof NodeStats, string, 1 | -1 | 0][] = [
  ['acked', 'acked', 1],
  ['deadLettered', 'dead-lettered', -1],
  ['dropped', 'dropped', -1],
  ['failed', 'failed', -1],
  ['expired', 'expired', -1],
  ['filtered', 'filtered', 0],
  ['filterErrors', 'filter errors', -1],
  ['duplicatesSkipped', 'duplicates skipped', 0],
  ['in', 'in', 0],
  ['out', 'out', 0],
];
const MAX_BADGES = 3;
const COUNT = new Intl.NumberFormat('en-US');

/** At most three badges for a node's delta (this run − the recorded one), the outcomes before the traffic. */
export function deltaBadges(delta: NodeDelta | undefined): DeltaBadge[] {
  if (!delta) return [];
  const out: DeltaBadge[] = [];
  for (const [key, name, better] of FIGURES) {
    const d = delta[key];
    if (d === undefined || d === 0 || out.length === MAX_BADGES) continue;
    const tone = better === 0 ? 'neutral' : Math.sign(d) === better ? 'better' : 'worse';
    out.push({ key, text: `${d > 0 ? '+' : '−'}${COUNT.format(Math.abs(d))} ${name}`, tone });
  }
  return out;
}

/** Where an event ended, for people: per group (or node) its outcome; or that the run did not have it. */
export function outcomesText(outcomes: EventOutcomes | undefined): string {
  if (outcomes === undefined) return 'not in this run';
  const parts = Object.entries(outcomes).map(([where, type]) => `${where}: ${type}`);
  return parts.length ? parts.join(', ') : 'in flight';
}
