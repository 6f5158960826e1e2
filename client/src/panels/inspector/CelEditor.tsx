import { previewExpression, validateExpression, type CelContext } from '@eventflow/shared';
import { useMemo, useState } from 'react';

interface CelEditorProps {
  id: string;
  value: string;
  context: CelContext;
  describedBy?: string;
  invalid: boolean;
  onChange: (value: string) => void;
}

/** A sample CloudEvent for previews: the shape producers emit, with a typical order payload. */
const SAMPLE_DATA = { orderId: 'ORD-1', customerId: 'c1', total: 120, items: 2 };
const sampleEvent = (data: unknown) => ({
  specversion: '1.0',
  id: 'ev-1',
  source: 'orders',
  type: 'OrderPlaced',
  time: '2024-01-01T00:00:00.000Z',
  datacontenttype: 'application/json',
  partitionkey: 'c1',
  data,
});

function formatValue(value: unknown): string {
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json;
}

/** CEL source with inline, position-accurate problems (the server's own validator) and a live preview. */
export function CelEditor({ id, value, context, describedBy, invalid, onChange }: CelEditorProps) {
  const [sampleText, setSampleText] = useState(() => JSON.stringify(SAMPLE_DATA));
  const problems = useMemo(() => (value ? validateExpression(value, context) : []), [value, context]);
  const sample = useMemo(() => {
    try {
      return { ok: true as const, data: JSON.parse(sampleText) as unknown };
    } catch {
      return { ok: false as const };
    }
  }, [sampleText]);
  const preview = useMemo(
    () =>
      value && problems.length === 0 && sample.ok
        ? previewExpression(value, context, sampleEvent(sample.data))
        : null,
    [value, problems.length, context, sample],
  );
  const lines = value.split('\n');
  const problemId = `${id}-cel-problems`;
  return (
    <div className="ef-cel">
      <textarea
        id={id}
        className={`ef-input ef-cel__source${problems.length || invalid ? ' is-invalid' : ''}`}
        value={value}
        spellCheck={false}
        rows={Math.min(6, Math.max(2, lines.length))}
        aria-invalid={problems.length > 0 || invalid || undefined}
        aria-describedby={
          [describedBy, problems.length ? problemId : undefined].filter(Boolean).join(' ') || undefined
        }
        onChange={(e) => onChange(e.target.value)}
      />
      {problems.length > 0 && (
        <div id={problemId} className="ef-cel__problems" role="status" aria-label="Expression problems">
          {problems.map((p, i) => (
            <div key={i} className={`ef-cel__problem is-${p.severity}`}>
              {p.column !== undefined && (
                <pre className="ef-cel__caret" aria-hidden>
                  {`${lines[(p.line ?? 1) - 1] ?? ''}\n${' '.repeat(Math.max(0, p.column - 1))}^`}
                </pre>
              )}
              <span>
                {p.line !== undefined && p.column !== undefined ? `line ${p.line}, column ${p.column}: ` : ''}
                {p.message}
              </span>
            </div>
          ))}
        </div>
      )}
      {context !== 'payload' ? (
        <details className="ef-cel__sample">
          <summary>Sample event data</summary>
          <textarea
            className="ef-input ef-cel__sample-input"
            aria-label="Sample event data (JSON)"
            value={sampleText}
            spellCheck={false}
            rows={3}
            onChange={(e) => setSampleText(e.target.value)}
          />
          {!sample.ok && <div className="ef-field__error">the sample is not valid JSON</div>}
        </details>
      ) : null}
      {preview && (
        <output className={`ef-cel__preview${preview.ok ? '' : ' is-error'}`} aria-label="Expression preview">
          {preview.ok ? (
            <>
              <span className="ef-cel__arrow">→</span> {formatValue(preview.value)}
            </>
          ) : (
            `fails on the sample: ${preview.message}`
          )}
        </output>
      )}
    </div>
  );
}
