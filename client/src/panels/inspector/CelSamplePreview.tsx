import { previewExpression, type CelContext, type SampleEvent } from '@eventflow/shared';
import { useMemo } from 'react';

export function formatValue(value: unknown): string {
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json;
}

interface CelSamplePreviewProps {
  source: string;
  context: CelContext;
  /** Sample events from upstream producers; for a payload, only its seq matters. */
  samples: readonly Pick<SampleEvent, 'producer' | 'seq' | 'event'>[];
  /** Node id → label, so each sample says which producer built it. */
  labelOf: (id: string) => string;
  /** A reducer's `state` for every sample: the row before its aggregate's first event. */
  initialState?: unknown;
}

/** The expression's result on each sample event, next to the data it was given, one row per sample. */
export function CelSamplePreview({ source, context, samples, labelOf, initialState }: CelSamplePreviewProps) {
  const rows = useMemo(
    () => samples.map((s) => ({ s, r: previewExpression(source, context, s.event, s.seq, initialState) })),
    [source, context, samples, initialState],
  );
  const producers = [...new Set(samples.map((s) => labelOf(s.producer)))].join(', ');
  return (
    <div className="ef-cel__samples" aria-label="Expression preview">
      <div className="ef-cel__samples-head">
        {context === 'payload' ? 'Preview for seq 1–3' : `Preview on samples from ${producers}`}
      </div>
      <ul className="ef-cel__sample-rows">
        {rows.map(({ s, r }, i) => (
          <li key={i} className="ef-cel__sample-row">
            <span className="ef-cel__sample-seq">seq {s.seq}</span>
            {context !== 'payload' && (
              <code className="ef-cel__sample-data" title={formatValue(s.event.data)}>
                {formatValue(s.event.data)}
              </code>
            )}
            <span className="ef-cel__arrow" aria-hidden>
              →
            </span>
            <output className={`ef-cel__sample-result${r.ok ? '' : ' is-error'}`}>
              {r.ok ? formatValue(r.value) : `fails: ${r.message}`}
            </output>
          </li>
        ))}
      </ul>
    </div>
  );
}
