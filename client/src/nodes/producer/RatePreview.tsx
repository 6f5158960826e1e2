import { ratePoints, type ProducerConfig } from '@eventflow/shared';
import { formatDuration } from '../../model/format';
import { PREVIEW_H, PREVIEW_W, previewHorizon, stepPath } from './rate-preview';

/** A step chart of the producer's rate over time: its schedule's steps or spike on top of `rate`. */
export function RatePreview({ config }: { config: ProducerConfig }) {
  const horizon = previewHorizon(config);
  const points = ratePoints(config.rate, config.schedule, horizon);
  const peak = Math.max(...points.map(([, r]) => r));
  const summary = points.map(([t, r]) => `${r}/s from ${formatDuration(t)}`).join(', ');
  return (
    <figure className="ef-rate-preview" data-testid="inspector.rate-preview">
      <figcaption className="ef-rate-preview__caption">
        <span>Rate over time</span>
        <span className="ef-rate-preview__peak">peak {peak.toLocaleString()}/s</span>
      </figcaption>
      <svg
        width={PREVIEW_W}
        height={PREVIEW_H}
        viewBox={`0 0 ${PREVIEW_W} ${PREVIEW_H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Events per second over time: ${summary}`}
      >
        <path className="ef-rate-preview__line" d={stepPath(config, horizon)} />
      </svg>
      <div className="ef-rate-preview__axis" aria-hidden>
        <span>0</span>
        <span>{formatDuration(horizon)}</span>
      </div>
    </figure>
  );
}
