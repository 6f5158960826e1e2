import { useEffect, useState } from 'react';

interface NumberInputProps {
  id: string;
  value: number | undefined;
  optional: boolean;
  min?: number;
  max?: number;
  step?: number;
  integer: boolean;
  invalid: boolean;
  describedBy?: string;
  onChange: (value: number | undefined) => void;
  onLocalError: (message: string | null) => void;
}

/**
 * Keeps the typed text locally so half-typed input ("1e", "-") is not lost, and commits numbers as they
 * become valid. Out-of-bounds numbers are committed on purpose: the shared validator then reports them.
 */
export function NumberInput({
  id,
  value,
  optional,
  min,
  max,
  step,
  integer,
  invalid,
  describedBy,
  onChange,
  onLocalError,
}: NumberInputProps) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => {
    // Follow outside changes (undo, another field) unless the text already means this value.
    setText((t) => (t.trim() !== '' && Number(t) === value ? t : value === undefined ? '' : String(value)));
  }, [value]);
  return (
    <input
      id={id}
      className="ef-input"
      type="number"
      inputMode={integer ? 'numeric' : 'decimal'}
      value={text}
      min={min}
      max={max}
      step={step ?? (integer ? 1 : 'any')}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      placeholder={optional ? 'not set' : undefined}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        if (next.trim() === '') {
          if (optional) {
            onLocalError(null);
            onChange(undefined);
          } else onLocalError('a value is required');
          return;
        }
        const n = Number(next);
        if (!Number.isFinite(n)) return onLocalError('must be a number');
        onLocalError(null);
        onChange(n);
      }}
    />
  );
}
