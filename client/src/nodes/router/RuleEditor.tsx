import type { RouteRule } from '@eventflow/shared';
import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import { CelEditor } from '../../panels/inspector/CelEditor';

interface RuleEditorProps {
  nodeId: string;
  rule: RouteRule;
  index: number;
  count: number;
  /** Validator messages by dotted config path (`rules.0.pattern`). */
  errors: Record<string, string>;
  onChange: (rule: RouteRule) => void;
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
}

/** One routing rule: its label (shown on its handle), what it matches on, and its place in the order. */
export function RuleEditor({
  nodeId,
  rule,
  index,
  count,
  errors,
  onChange,
  onRemove,
  onMove,
}: RuleEditorProps) {
  const at = `rules.${index}`;
  const base = `${nodeId}-rule-${rule.id}`;
  const matchError = errors[`${at}.pattern`] ?? errors[`${at}.condition`];
  const name = `rule ${index + 1}`;
  return (
    <div className="ef-array-item ef-rule" role="group" aria-label={`Rule ${index + 1}: ${rule.label}`}>
      <div className="ef-rule__head">Rule {index + 1}</div>
      <div className="ef-field">
        <label className="ef-field__label" htmlFor={`${base}-label`}>
          Label
        </label>
        <input
          id={`${base}-label`}
          className="ef-input"
          value={rule.label}
          aria-invalid={errors[`${at}.label`] ? true : undefined}
          onChange={(e) => onChange({ ...rule, label: e.target.value })}
        />
      </div>
      <div className="ef-field">
        <label className="ef-field__label" htmlFor={`${base}-match`}>
          Matches on
        </label>
        <select
          id={`${base}-match`}
          className="ef-input"
          value={rule.match}
          onChange={(e) =>
            onChange(
              e.target.value === 'cel'
                ? { id: rule.id, label: rule.label, match: 'cel', condition: 'data.total > 100' }
                : { id: rule.id, label: rule.label, match: 'pattern', pattern: '#' },
            )
          }
        >
          <option value="pattern">routing-key pattern</option>
          <option value="cel">CEL condition</option>
        </select>
      </div>
      {rule.match === 'pattern' ? (
        <div className={`ef-field${matchError ? ' has-error' : ''}`}>
          <label className="ef-field__label" htmlFor={`${base}-pattern`}>
            Pattern
          </label>
          <input
            id={`${base}-pattern`}
            className="ef-input"
            value={rule.pattern}
            spellCheck={false}
            aria-invalid={matchError ? true : undefined}
            aria-describedby={`${base}-pattern-help`}
            onChange={(e) => onChange({ ...rule, pattern: e.target.value })}
          />
          <div id={`${base}-pattern-help`} className="ef-field__help">
            Over the event&apos;s key, dot-separated: * is one word, # zero or more (eu.# matches eu and
            eu.de.b2b)
          </div>
          {matchError && (
            <div className="ef-field__error" role="alert">
              {matchError}
            </div>
          )}
        </div>
      ) : (
        <div className="ef-field">
          <label className="ef-field__label" htmlFor={`${base}-condition`}>
            Condition
          </label>
          <CelEditor
            id={`${base}-condition`}
            value={rule.condition}
            context="filter"
            nodeId={nodeId}
            invalid={Boolean(matchError)}
            onChange={(condition) => onChange({ ...rule, condition })}
          />
        </div>
      )}
      <div className="ef-rule__actions">
        <button
          type="button"
          className="ef-btn ef-btn--ghost ef-btn--small"
          aria-label={`Move ${name} up`}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          <ArrowUp size={14} />
        </button>
        <button
          type="button"
          className="ef-btn ef-btn--ghost ef-btn--small"
          aria-label={`Move ${name} down`}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          <ArrowDown size={14} />
        </button>
        <button
          type="button"
          className="ef-btn ef-btn--ghost ef-btn--small"
          aria-label={`Remove ${name}`}
          onClick={onRemove}
        >
          <Trash2 size={14} /> Remove
        </button>
      </div>
    </div>
  );
}
