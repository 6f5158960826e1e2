import type { EventOutcomes, NodeDelta, NodeStats } from '@eventflow/shared';
import { toneOf, type DeltaTone } from './compare-summary';

/** One +/- badge on a node of the canvas: a counter that moved between the recorded run and this one. */
export interface DeltaBadge {
  key: keyof NodeStats;
  text: string;
  /** Better (more acked, fewer lost), worse, or neither (traffic in and out). */
  tone: DeltaTone;
}

/**
 * Which way each counter is better: more acked (1); more lost, failed or broken (-1); traffic, filtering and
 * skipped duplicates mean neither (0). Keyed by every counter, so a new one must be given a meaning here.
 */
export const BETTER: { readonly [K in keyof NodeStats]-?: 1 | -1 | 0 } = {
  acked: 1,
  deadLettered: -1,
  dropped: -1,
  failed: -1,
  expired: -1,
  filterErrors: -1,
  filtered: 0,
  duplicatesSkipped: 0,
  in: 0,
  out: 0,
};

/**
 * On the dead-letter side (a dead-letter topic and its readers, `deadLetterSide`) acked counts dead letters
 * handled: fewer of them is the flow failing less, not the reader doing worse, so acked means neither there.
 */
const BETTER_ON_DEAD_LETTER_SIDE: typeof BETTER = { ...BETTER, acked: 0 };

/** The figures a badge may show, most telling first. */
const FIGURES: readonly [keyof NodeStats, string][] = [
  ['acked', 'acked'],
  ['deadLettered', 'dead-lettered'],
  ['dropped', 'dropped'],
  ['failed', 'failed'],
  ['expired', 'expired'],
  ['filtered', 'filtered'],
  ['filterErrors', 'filter errors'],
  ['duplicatesSkipped', 'duplicates skipped'],
  ['in', 'in'],
  ['out', 'out'],
];
const MAX_BADGES = 3;
const COUNT = new Intl.NumberFormat('en-US');

/**
 * At most three badges for a node's delta (this run − the recorded one), the outcomes before the traffic; toned for
 * where the node is (`deadLetterSide`: the dead-letter topic or one of its readers).
 */
export function deltaBadges(delta: NodeDelta | undefined, deadLetterSide = false): DeltaBadge[] {
  if (!delta) return [];
  const out: DeltaBadge[] = [];
  for (const [key, name] of FIGURES) {
    const d = delta[key];
    if (d === undefined || d === 0 || out.length === MAX_BADGES) continue;
    const tone = toneOf(d, (deadLetterSide ? BETTER_ON_DEAD_LETTER_SIDE : BETTER)[key]);
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
