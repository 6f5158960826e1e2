import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { ReactNode } from 'react';

/** What a stepper is called, for screen readers and tests: the path it steps and its hop. */
export interface StepperNames {
  group: string;
  hop: string;
  previous: string;
  next: string;
  testIds?: { previous?: string; next?: string; position: string };
}

/**
 * Previous / slider / next and "Hop k of n" over one path of hops: the trace panel's step-through and the
 * recorded side of a comparison use the same control, so both step the same way.
 */
export function HopStepper(props: {
  index: number;
  count: number;
  onStep: (index: number) => void;
  names: StepperNames;
  children?: ReactNode;
}) {
  const { index, count, onStep, names, children } = props;
  return (
    <div className="ef-stepper" role="group" aria-label={names.group}>
      <button
        type="button"
        className="ef-tool"
        aria-label={names.previous}
        data-testid={names.testIds?.previous}
        disabled={index <= 0}
        onClick={() => onStep(index - 1)}
      >
        <ChevronLeft size={16} />
      </button>
      <input
        type="range"
        aria-label={names.hop}
        min={0}
        max={Math.max(0, count - 1)}
        value={index}
        onChange={(e) => onStep(Number(e.target.value))}
      />
      <button
        type="button"
        className="ef-tool"
        aria-label={names.next}
        data-testid={names.testIds?.next}
        disabled={index >= count - 1}
        onClick={() => onStep(index + 1)}
      >
        <ChevronRight size={16} />
      </button>
      <span className="ef-stepper__pos" data-testid={names.testIds?.position}>
        Hop {index + 1} of {count}
      </span>
      {children}
    </div>
  );
}
