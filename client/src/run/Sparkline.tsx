import type { MetricSample } from '../store/run-slice';

const W = 96;
const H = 22;

/** SVG polyline points for `values` over [t0, t1], scaled to the box; pure for tests. */
export function sparkPoints(
  samples: readonly MetricSample[],
  pick: (s: MetricSample) => number,
  max: number,
): string {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last) return '';
  const span = Math.max(1, last.t - first.t);
  const top = Math.max(max, 1e-9);
  return samples
    .map(
      (s) => `${(((s.t - first.t) / span) * W).toFixed(1)},${(H - 1 - (pick(s) / top) * (H - 2)).toFixed(1)}`,
    )
    .join(' ');
}

/** Throughput (solid) and lag (dashed) over the last simulated minute. */
export function Sparkline({ samples, showLag }: { samples: readonly MetricSample[]; showLag: boolean }) {
  if (samples.length < 2) return null;
  const maxRate = Math.max(...samples.map((s) => s.rate));
  const maxLag = Math.max(...samples.map((s) => s.lag));
  const last = samples[samples.length - 1];
  return (
    <svg
      className="ef-spark"
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      // A node may draw it shorter (CSS height); the lines stretch rather than the width shrinking.
      preserveAspectRatio="none"
      role="img"
      aria-label={`Throughput ${last?.rate.toFixed(1) ?? 0}/s${showLag ? `, lag ${last?.lag ?? 0}` : ''} over the last minute`}
    >
      <polyline className="ef-spark__rate" points={sparkPoints(samples, (s) => s.rate, maxRate)} />
      {showLag && maxLag > 0 && (
        <polyline className="ef-spark__lag" points={sparkPoints(samples, (s) => s.lag, maxLag)} />
      )}
    </svg>
  );
}
