import type { Hop, Speed } from '@eventflow/shared';
import { sampleStride } from './edge-geometry';

/** Hop types that move an event along an edge into `hop.node`. */
const MOVING = new Set<Hop['type']>([
  'published',
  'routed',
  'filtered',
  'unrouted',
  'delivered',
  'dead-lettered',
]);
/** Hop types that end an event's journey badly, drawn as a burst where they happen. */
export const LOSSES = new Set<Hop['type']>([
  'dead-lettered',
  'dropped',
  'expired',
  'filtered',
  'filter-error',
  'unrouted',
  'publish-failed',
]);

export interface Dot {
  edge: string;
  event: string;
  /** Wall ms (performance.now) it leaves the source, and how long it takes. */
  start: number;
  duration: number;
  /** Dead-letter dots travel consumer → DLQ; drawn in red. */
  loss: boolean;
}

export const DOT_BUDGET = 250;
const MIN_TRAVEL_MS = 380;
const MAX_LEAD_MS = 1_200;

/**
 * Turns a batch of hops into dots paced by the simulated clock: a hop `dt` simulated ms after the batch's first
 * leaves `dt / speed` wall ms later (capped so a slow speed never leaves the picture stale). Pure for tests.
 */
export function scheduleDots(batch: readonly Hop[], now: number, speed: Speed, alive: number): Dot[] {
  const moving = batch.filter((h) => h.edge !== undefined && MOVING.has(h.type));
  const first = moving[0];
  if (!first) return [];
  const stride = sampleStride(moving.length, alive, DOT_BUDGET);
  if (!Number.isFinite(stride)) return [];
  const perMs = speed === 'max' ? Number.POSITIVE_INFINITY : speed;
  const dots: Dot[] = [];
  for (let i = 0; i < moving.length; i += stride) {
    const h = moving[i];
    if (!h?.edge) continue;
    const lead = Number.isFinite(perMs) ? Math.min(MAX_LEAD_MS, (h.t - first.t) / perMs) : 0;
    dots.push({
      edge: h.edge,
      event: h.event,
      start: now + lead,
      duration: MIN_TRAVEL_MS,
      loss: h.type === 'dead-lettered',
    });
  }
  return dots;
}
