import { Plus, Trash2 } from 'lucide-react';
import { useId, useState } from 'react';
import { CelEditor } from './CelEditor';
import { NumberInput } from './NumberInput';
import { initialValue, variantLabel, variantOf, type FieldMeta, type FieldSpec } from './schema-fields';

export interface FieldContext {
  /** Display hints by dotted path (`retention.maxEvents`; array items use the array's path). */
  meta: Record<string, FieldMeta>;
  /** Validator messages by dotted path inside the config, e.g. `partitions` or `emits.0.eventType`. */
  errors: Record<string, string>;
  /** The node being edited: CEL fields type `data` by what its upstream producers build. */
  nodeId?: string;
}

interface FieldEditorProps {
  spec: FieldSpec;
  path: string;
  metaPath: string;
  value: unknown;
  ctx: FieldContext;
  onChange: (value: unknown) => void;
}

const humanize = (name: string) =>
  name
    .replace(/([A-Z])/g, ' $1')
    .replace(/^./, (c) => c.toUpperCase())
    .replace(/ Ms$/, '');

function errorFor(ctx: FieldContext, path: string): string | undefined {
  if (ctx.errors[path]) return ctx.errors[path];
  const nested = Object.keys(ctx.errors).find((p) => p.startsWith(`${path}.`));
  return nested ? ctx.errors[nested] : undefined;
}

/** One form field generated from its schema: number, text, CEL, choice, nested object, list or union. */
export function FieldEditor({ spec, path, metaPath, value, ctx, onChange }: FieldEditorProps) {
  const id = useId();
  const [localError, setLocalError] = useState<string | null>(null);
  const meta = ctx.meta[metaPath] ?? { label: humanize(spec.name) };
  const found =
    localError ?? (spec.type === 'object' || spec.type === 'array' ? ctx.errors[path] : errorFor(ctx, path));
  // The CEL editor shows a non-empty expression's problems itself, at their column: saying it twice is noise.
  const error = meta.cel && typeof value === 'string' && value !== '' ? undefined : found;
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const describedBy =
    [error ? errorId : null, meta.help ? helpId : null].filter(Boolean).join(' ') || undefined;

  const label = (
    <label className="ef-field__label" htmlFor={id}>
      {meta.label}
      {meta.unit && <span className="ef-field__unit">{meta.unit}</span>}
      {spec.optional && <span className="ef-field__optional">optional</span>}
    </label>
  );
  const footer = (
    <>
      {meta.help && (
        <div id={helpId} className="ef-field__help">
          {meta.help}
        </div>
      )}
      {error && (
        <div id={errorId} className="ef-field__error" role="alert">
          {error}
        </div>
      )}
    </>
  );

  if (spec.type === 'literal') return null;

  if (spec.type === 'object') {
    const obj = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    return (
      <fieldset className="ef-fieldset">
        <legend>{meta.label}</legend>
        {spec.fields.map((f) => (
          <FieldEditor
            key={f.name}
            spec={f}
            path={`${path}.${f.name}`}
            metaPath={`${metaPath}.${f.name}`}
            value={obj[f.name]}
            ctx={ctx}
            onChange={(v) => {
              const { [f.name]: _old, ...rest } = obj;
              onChange(v === undefined ? rest : { ...rest, [f.name]: v });
            }}
          />
        ))}
        {footer}
      </fieldset>
    );
  }

  if (spec.type === 'array') {
    const items = Array.isArray(value) ? (value as unknown[]) : [];
    return (
      <fieldset className="ef-fieldset">
        <legend>{meta.label}</legend>
        {items.map((item, i) => (
          <div key={i} className="ef-array-item">
            <FieldEditor
              spec={{ ...spec.item, name: `${meta.label} ${i + 1}` }}
              path={`${path}.${i}`}
              metaPath={metaPath}
              value={item}
              ctx={{ ...ctx, meta: { ...ctx.meta, [metaPath]: { label: `${meta.label} ${i + 1}` } } }}
              onChange={(v) => onChange(items.map((x, j) => (j === i ? v : x)))}
            />
            <button
              type="button"
              className="ef-btn ef-btn--ghost ef-btn--small"
              aria-label={`Remove ${meta.label} ${i + 1}`}
              onClick={() => onChange(items.filter((_, j) => j !== i))}
            >
              <Trash2 size={14} /> Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="ef-btn ef-btn--small"
          onClick={() => onChange([...items, initialValue(spec.item)])}
        >
          <Plus size={14} /> Add {meta.label.toLowerCase().replace(/s$/, '')}
        </button>
        {footer}
      </fieldset>
    );
  }

  let control;
  if (spec.type === 'number') {
    control = (
      <NumberInput
        id={id}
        value={typeof value === 'number' ? value : undefined}
        optional={spec.optional}
        {...(spec.min !== undefined ? { min: spec.min } : {})}
        {...(spec.max !== undefined ? { max: spec.max } : {})}
        {...(meta.step !== undefined ? { step: meta.step } : {})}
        integer={spec.integer}
        invalid={Boolean(error)}
        {...(describedBy ? { describedBy } : {})}
        onChange={onChange}
        onLocalError={setLocalError}
      />
    );
  } else if (spec.type === 'enum') {
    control = (
      <select
        id={id}
        className="ef-input"
        value={typeof value === 'string' ? value : ''}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      >
        {spec.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (spec.type === 'union') {
    // An optional union left out (a producer without a rate schedule) shows "none" and no variant fields.
    const off = spec.optional && value === undefined;
    const active = off ? -1 : variantOf(spec, value);
    const variant = spec.variants[active];
    control = (
      <div className="ef-union">
        <select
          id={id}
          className="ef-input ef-union__mode"
          aria-describedby={describedBy}
          value={active}
          onChange={(e) => {
            const next = spec.variants[Number(e.target.value)];
            onChange(next ? initialValue(next) : undefined);
          }}
        >
          {spec.optional && <option value={-1}>none</option>}
          {spec.variants.map((v, i) => (
            <option key={i} value={i}>
              {variantLabel(v)}
            </option>
          ))}
        </select>
        {variant && (
          <FieldEditor
            spec={{ ...variant, name: meta.label }}
            path={path}
            metaPath={`${metaPath}#${active}`}
            value={value}
            ctx={{
              ...ctx,
              meta: {
                ...ctx.meta,
                [`${metaPath}#${active}`]: {
                  label: `${meta.label} (${variantLabel(variant)})`,
                  ...(meta.unit ? { unit: meta.unit } : {}),
                },
              },
            }}
            onChange={onChange}
          />
        )}
      </div>
    );
  } else if (meta.cel) {
    const text = typeof value === 'string' ? value : '';
    control = (
      <CelEditor
        id={id}
        value={text}
        context={meta.cel}
        {...(ctx.nodeId ? { nodeId: ctx.nodeId } : {})}
        invalid={Boolean(error)}
        {...(describedBy ? { describedBy } : {})}
        onChange={(v) => onChange(v === '' && spec.optional ? undefined : v)}
      />
    );
  } else {
    control = (
      <input
        id={id}
        className="ef-input"
        type="text"
        value={typeof value === 'string' ? value : ''}
        placeholder={spec.optional ? 'not set' : undefined}
        aria-invalid={Boolean(error) || undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value === '' && spec.optional ? undefined : e.target.value)}
      />
    );
  }
  return (
    <div className={`ef-field${error ? ' has-error' : ''}`}>
      {label}
      {control}
      {footer}
    </div>
  );
}
