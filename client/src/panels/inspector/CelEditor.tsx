import { previewExpression, validateExpression, type CelContext } from '@eventflow/shared';
import { WandSparkles } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useAppStore } from '../../app/use-app-store';
import { CelSamplePreview, formatValue } from './CelSamplePreview';
import { useCelScope } from './use-cel-scope';

interface CelEditorProps {
  id: string;
  value: string;
  context: CelContext;
  /** The node the expression belongs to: its upstream producers type `data` and give the samples. */
  nodeId?: string;
  describedBy?: string;
  invalid: boolean;
  onChange: (value: string) => void;
}

/** Used only where no producer is upstream yet: a typical order payload the user may edit. */
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
const PAYLOAD_SEQS = [1, 2, 3].map((seq) => ({ producer: '', seq, event: {} }));

/**
 * CEL source with inline, position-accurate problems (the server's own validator, typed against what the
 * upstream producers build, with quick fixes) and a live preview on their sample events.
 */
export function CelEditor({ id, value, context, nodeId, describedBy, invalid, onChange }: CelEditorProps) {
  const [sampleText, setSampleText] = useState(() => JSON.stringify(SAMPLE_DATA));
  const scope = useCelScope(nodeId, context);
  const labels = useAppStore((s) => s.nodes);
  const labelOf = (nid: string) => labels.find((n) => n.id === nid)?.data.label || nid;
  // A reducer is previewed on its projection's initial state, as the row before an aggregate's first event.
  const initialSource = useAppStore((s) => {
    const node = context === 'reducer' ? s.nodes.find((n) => n.id === nodeId) : undefined;
    return node?.type === 'projection' ? node.data.config.initial : undefined;
  });
  const initialState = useMemo(() => {
    const r = initialSource === undefined ? undefined : previewExpression(initialSource, 'payload', {}, 0);
    return r?.ok ? r.value : null;
  }, [initialSource]);
  const problems = useMemo(
    () => (value ? validateExpression(value, context, scope.data) : []),
    [value, context, scope.data],
  );
  const errors = problems.filter((p) => p.severity === 'error');
  const upstream = context === 'payload' ? PAYLOAD_SEQS : scope.samples;
  const sample = useMemo(() => {
    try {
      return { ok: true as const, data: JSON.parse(sampleText) as unknown };
    } catch {
      return { ok: false as const };
    }
  }, [sampleText]);
  const preview = useMemo(
    () =>
      value && errors.length === 0 && upstream.length === 0 && sample.ok
        ? previewExpression(value, context, sampleEvent(sample.data), 1, initialState)
        : null,
    [value, errors.length, upstream.length, context, sample, initialState],
  );
  const lines = value.split('\n');
  const problemId = `${id}-cel-problems`;
  return (
    <div className="ef-cel">
      <textarea
        id={id}
        className={`ef-input ef-cel__source${errors.length || invalid ? ' is-invalid' : ''}`}
        value={value}
        spellCheck={false}
        rows={Math.min(6, Math.max(2, lines.length))}
        aria-invalid={errors.length > 0 || invalid || undefined}
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
              {p.fix && (
                <button
                  type="button"
                  className="ef-btn ef-btn--small ef-cel__fix"
                  onClick={() => onChange(p.fix!.source)}
                >
                  <WandSparkles size={13} aria-hidden />
                  {p.fix.title}
                </button>
              )}
            </div>
          ))}
        </div>
      )}
      {value && errors.length === 0 && upstream.length > 0 && (
        <CelSamplePreview
          source={value}
          context={context}
          samples={upstream}
          labelOf={labelOf}
          initialState={initialState}
        />
      )}
      {context !== 'payload' && upstream.length === 0 ? (
        <details className="ef-cel__sample">
          <summary>Sample event data (no producer upstream yet)</summary>
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
