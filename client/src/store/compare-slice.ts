import type { Hop, RunComparison } from '@eventflow/shared';
import type { StateCreator } from 'zustand/vanilla';
import { localPath } from '../model/path';
import type { AppState } from './store';

/** The current run compared with a recorded one ("before"): what the canvas badges and the summary show. */
export interface Comparison {
  /** The run on screen when it was compared: a comparison of any other run is not shown. */
  runId: string;
  /** Where "before" came from (the trace file's name). */
  label: string;
  result: RunComparison;
  /** The recorded run's hops, to walk an event's path as it went before. */
  beforeHops: readonly Hop[];
  /** The changed event picked in the list, whose before path is shown beside the current one. */
  picked: string | null;
  /** The picked event's path in the recorded run (it and the events chained from it), oldest first. */
  beforePath: readonly Hop[];
  /** Index into `beforePath` of the hop the recorded side's step-through shows. */
  beforeIndex: number;
}

/** A trace on its way in: read and checked in slices, then (above the socket's cap) uploaded. */
export interface RecordedProgress {
  phase: 'reading' | 'uploading' | 'opening';
  /** Of the current phase, 0..1. */
  fraction: number;
  /** The file's name. */
  source: string;
}

export interface CompareSlice {
  comparison: Comparison | null;
  setComparison: (comparison: Comparison | null) => void;
  pickChanged: (eventId: string | null) => void;
  /** Moves the recorded side's step-through (clamped to its path). */
  setBeforeIndex: (index: number) => void;
  recordedProgress: RecordedProgress | null;
  setRecordedProgress: (progress: RecordedProgress | null) => void;
}

export const createCompareSlice: StateCreator<AppState, [], [], CompareSlice> = (set) => ({
  comparison: null,
  setComparison: (comparison) => set({ comparison }),
  pickChanged: (picked) =>
    set((s) => {
      if (!s.comparison) return {};
      // Found once on pick, not per render: a recorded run may hold a million hops.
      const beforePath = picked ? localPath(s.comparison.beforeHops, picked) : [];
      return { comparison: { ...s.comparison, picked, beforePath, beforeIndex: 0 } };
    }),
  setBeforeIndex: (index) =>
    set((s) => {
      const c = s.comparison;
      if (!c || c.beforePath.length === 0) return {};
      const beforeIndex = Math.max(0, Math.min(c.beforePath.length - 1, Math.trunc(index)));
      return { comparison: { ...c, beforeIndex } };
    }),
  recordedProgress: null,
  setRecordedProgress: (recordedProgress) => set({ recordedProgress }),
});
