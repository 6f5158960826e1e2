import { useEffect, useRef } from 'react';
import { useAppStoreApi } from '../app/use-app-store';
import { formatSimTime } from '../model/format';
import { selectBackInTime } from '../store/selectors';
import type { RunInfo } from '../store/run-slice';

/** Simulated ms now, extrapolated from the last report while the run is paced in real time. */
export function simNow(run: RunInfo, wallNow: number): number {
  if (run.phase !== 'running' || run.speed === 'max') return run.t;
  return run.t + Math.max(0, wallNow - run.wallAt) * run.speed;
}

/**
 * The clock readout: written straight to the DOM each frame so it ticks smoothly without re-rendering React.
 * Stepped back, it reads the time of the hop on screen, not the run's latest time.
 */
export function SimClock() {
  const store = useAppStoreApi();
  const ref = useRef<HTMLOutputElement>(null);
  useEffect(() => {
    let frame = 0;
    const tick = () => {
      const el = ref.current;
      if (el) {
        const state = store.getState();
        const past = selectBackInTime(state);
        const t = past ? past.t : simNow(state.run, performance.now());
        el.textContent = formatSimTime(t);
        el.dataset.t = String(Math.floor(past ? past.t : state.run.t));
        el.classList.toggle('is-past', past !== null);
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [store]);
  return (
    <output
      ref={ref}
      className="ef-run__clock"
      aria-label="Simulated time"
      title="Simulated time since the run started"
      data-testid="run.clock"
    />
  );
}
