import { useEffect, useRef } from 'react';
import { useAppStore } from '../app/use-app-store';
import { opensSummary } from '../model/run-summary';

/** Calls `open` when the run pauses or ends: that is when its summary has figures worth reading. */
export function useSummaryOpen(open: () => void): void {
  const phase = useAppStore((s) => s.run.phase);
  const reason = useAppStore((s) => s.run.reason);
  const prev = useRef(phase);
  useEffect(() => {
    if (opensSummary(prev.current, phase, reason)) open();
    prev.current = phase;
  }, [phase, reason, open]);
}
