import type { Breakpoint, BreakpointHit } from '@eventflow/shared';
import type { StateCreator } from 'zustand/vanilla';
import { nextNumbered } from './ids';
import type { AppState } from './store';

/** What a new breakpoint needs; the id is given by the store. */
export type BreakpointDraft = Omit<Breakpoint, 'id' | 'enabled'> & { enabled?: boolean };

/**
 * The document session's breakpoints. They are not part of the flow file (never saved, never in undo), survive
 * a Reset and a new run, and go when another document replaces this one. The session sends them to each run.
 */
export interface BreakpointSlice {
  breakpoints: Breakpoint[];
  /** The breakpoint the current run is paused at; null when it is not paused at one. */
  breakpointHit: BreakpointHit | null;
  addBreakpoint: (draft: BreakpointDraft) => string;
  updateBreakpoint: (id: string, patch: Partial<Omit<Breakpoint, 'id'>>) => void;
  toggleBreakpoint: (id: string) => void;
  removeBreakpoint: (id: string) => void;
  clearBreakpoints: () => void;
  setBreakpointHit: (hit: BreakpointHit | null) => void;
}

export const EMPTY_BREAKPOINTS: readonly Breakpoint[] = [];

export const createBreakpointSlice: StateCreator<AppState, [], [], BreakpointSlice> = (set, get) => ({
  breakpoints: [],
  breakpointHit: null,
  addBreakpoint: (draft) => {
    const id = `bp-${nextNumbered('bp', new Set(get().breakpoints.map((b) => b.id)))}`;
    set({ breakpoints: [...get().breakpoints, { ...draft, id, enabled: draft.enabled ?? true }] });
    return id;
  },
  updateBreakpoint: (id, patch) =>
    set({ breakpoints: get().breakpoints.map((b) => (b.id === id ? { ...b, ...patch } : b)) }),
  toggleBreakpoint: (id) =>
    set({ breakpoints: get().breakpoints.map((b) => (b.id === id ? { ...b, enabled: !b.enabled } : b)) }),
  removeBreakpoint: (id) => set({ breakpoints: get().breakpoints.filter((b) => b.id !== id) }),
  clearBreakpoints: () => set({ breakpoints: [], breakpointHit: null }),
  setBreakpointHit: (breakpointHit) => set({ breakpointHit }),
});

/** The node's own "Break here" breakpoint: one on the node with no condition and no hop types. */
export const isBreakHere = (b: Breakpoint, nodeId: string) =>
  b.node === nodeId && !b.condition?.trim() && !b.hops?.length;

/** True when an enabled breakpoint watches the node (the red dot in its header). */
export const selectHasBreakpoint = (nodeId: string) => (s: AppState) =>
  s.breakpoints.some((b) => b.enabled && b.node === nodeId);
export const selectBreakHere = (nodeId: string) => (s: AppState) =>
  s.breakpoints.find((b) => isBreakHere(b, nodeId));
export const selectBreakpoints = (s: AppState): readonly Breakpoint[] =>
  s.breakpoints.length ? s.breakpoints : EMPTY_BREAKPOINTS;
