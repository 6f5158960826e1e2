import { ratePoints, type ProducerConfig } from '@eventflow/shared';

export const PREVIEW_W = 240;
export const PREVIEW_H = 44;

/** How far the preview looks: past the schedule's last change by a quarter, and at least 5 s. */
export function previewHorizon(config: Pick<ProducerConfig, 'rate' | 'schedule'>): number {
  const points = ratePoints(config.rate, config.schedule, 3_600_000);
  const last = points[points.length - 1]?.[0] ?? 0;
  return Math.max(5_000, Math.ceil((last * 1.25) / 1000) * 1000);
}

/** The rate as an SVG step path over [0, horizon] ms, scaled to the preview box; pure for tests. */
export function stepPath(config: Pick<ProducerConfig, 'rate' | 'schedule'>, horizon: number): string {
  const points = ratePoints(config.rate, config.schedule, horizon);
  const top = Math.max(1e-9, ...points.map(([, r]) => r));
  const x = (t: number) => ((t / horizon) * PREVIEW_W).toFixed(1);
  const y = (r: number) => (PREVIEW_H - 2 - (r / top) * (PREVIEW_H - 4)).toFixed(1);
  let d = '';
  points.forEach(([t, r], i) => {
    d += i === 0 ? `M0,${y(r)}` : ` H${x(t)} V${y(r)}`;
  });
  return `${d} H${PREVIEW_W}`;
}
