import { useState } from 'react';
import type { Comparison } from '../store/compare-slice';
import { formatSimTime } from '../model/format';
import { useAppStore } from '../app/use-app-store';
import { useSession } from '../app/use-session';
import { HopStepper, type StepperNames } from './HopStepper';

const RECORDED: StepperNames = {
  group: 'Step through the recorded path',
  hop: 'Recorded hop',
  previous: 'Previous recorded hop',
  next: 'Next recorded hop',
  testIds: {
    previous: 'compare.before.prev',
    next: 'compare.before.next',
    position: 'compare.before.position',
  },
};

/**
 * The recorded side of a changed event, stepped hop by hop like the trace panel steps the current one. With
 * "step both" one press moves both paths, so the hop where they part is found by stepping, not by reading.
 */
export function RecordedPathStepper({ comparison }: { comparison: Comparison }) {
  const session = useSession();
  const labels = useAppStore((s) => s.present.nodes);
  const [both, setBoth] = useState(true);
  const { picked, beforePath: path, beforeIndex: index } = comparison;
  if (!picked) return null;
  const count = path.length;
  const hop = path[index];
  const label = (id: string) => labels.find((n) => n.id === id)?.label || id;
  const step = (to: number) => session.stepRecordedPath(to, both);
  return (
    <div className="ef-summary__before" data-testid="compare.before-path">
      <h4>Recorded: {picked} went</h4>
      {count === 0 ? (
        <p className="ef-muted">The recorded run does not have this event.</p>
      ) : (
        <>
          <HopStepper index={index} count={count} onStep={step} names={RECORDED}>
            <label className="ef-summary__step-both">
              <input
                type="checkbox"
                checked={both}
                data-testid="compare.step-both"
                onChange={(e) => setBoth(e.target.checked)}
              />
              step this run too
            </label>
          </HopStepper>
          <ol>
            {path.map((h, i) => (
              <li
                key={h.seq}
                className={`ef-mono${i === index ? ' is-current' : ''}`}
                aria-current={i === index ? 'step' : undefined}
              >
                {/* Its own number, not the list marker: a marker sits on a wrapped button's last line. */}
                <span className="ef-summary__hop-n" aria-hidden>
                  {i + 1}.
                </span>
                <button type="button" className="ef-link" onClick={() => step(i)}>
                  {formatSimTime(h.t)} {h.type} at {label(h.node)}
                  {h.attempt !== undefined && h.attempt > 1 ? ` (attempt ${h.attempt})` : ''}
                  {h.reason ? ` (${h.reason})` : ''}
                </button>
              </li>
            ))}
          </ol>
          {hop && (
            <p className="ef-summary__before-hop" data-testid="compare.before.hop">
              {hop.type} at {label(hop.node)}, {formatSimTime(hop.t)}
              {hop.event !== picked ? ` (chained event ${hop.event})` : ''}
            </p>
          )}
        </>
      )}
    </div>
  );
}
