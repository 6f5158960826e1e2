import type { Hop } from '@eventflow/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatDuration, formatSimTime } from '../model/format';
import { computeSpans, spanRange, type Span } from '../model/waterfall';

const ROW = 18;
const LABEL = 110;
// Below the timeline column's own minimum (180 px less padding), so at 1280 px the chart fits instead of scrolling.
const MIN_WIDTH = 160;

/** The selected event and its descendants as a distributed-tracing waterfall: bars to simulated scale. */
export function Waterfall({
  hops,
  current,
  onPick,
}: {
  hops: readonly Hop[];
  current: number;
  onPick: (hop: number) => void;
}) {
  const spans = useMemo(() => computeSpans(hops), [hops]);
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(360);
  // Bars are drawn to the column's width, so durations stay to scale however wide the dock is.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(MIN_WIDTH, el.clientWidth - 16)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const { from, to } = spanRange(spans);
  const x = (t: number) => LABEL + ((t - from) / (to - from)) * (width - LABEL - 8);
  const currentSpan = (s: Span) => s.hop === current;
  return (
    <div className="ef-waterfall" aria-label="Timeline" ref={box}>
      <svg width={width} height={spans.length * ROW + 20} role="list">
        <text x={LABEL} y={12} className="ef-waterfall__axis">
          {formatSimTime(from)}
        </text>
        <text x={width - 8} y={12} textAnchor="end" className="ef-waterfall__axis">
          {formatSimTime(to)}
        </text>
        {spans.map((s, i) => {
          const y = 18 + i * ROW;
          const w = Math.max(2, x(s.end) - x(s.start));
          return (
            <g
              key={`${s.hop}-${s.kind}-${i}`}
              role="listitem"
              aria-label={`${s.event} ${s.label} at ${s.where}: ${formatSimTime(s.start)}–${formatSimTime(s.end)} (${formatDuration(s.end - s.start)})`}
              className={`ef-span is-${s.kind}${currentSpan(s) ? ' is-current' : ''}`}
              onClick={() => onPick(s.hop)}
            >
              <text x={4 + s.depth * 12} y={y + 12} className="ef-waterfall__label">
                {s.depth > 0 ? '↳ ' : ''}
                {s.event} · {s.where}
              </text>
              {s.kind === 'mark' ? (
                <circle cx={x(s.start)} cy={y + 8} r={4} />
              ) : (
                <rect x={x(s.start)} y={y + 3} width={w} height={ROW - 6} rx={3} />
              )}
              <title>{`${s.label} (${formatDuration(s.end - s.start)})`}</title>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
