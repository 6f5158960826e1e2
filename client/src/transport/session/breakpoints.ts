import {
  compileCel,
  type Breakpoint,
  type BreakpointHit,
  type FlowDoc,
  type Problem,
} from '@eventflow/shared';
import type { BreakpointDraft } from '../../store/breakpoint-slice';
import { isBreakHere } from '../../store/breakpoint-slice';
import type { AppStore } from '../../store/store';
import type { Channel } from './channel';
import type { TraceQueries } from './trace-queries';

/** Breakpoints of the document session; views call these, the session keeps the run in step. */
export interface Breakpoints {
  /** Adds a breakpoint after checking its condition as the server will; answers the problem, or null. */
  addBreakpoint: (draft: BreakpointDraft) => Problem | null;
  updateBreakpoint: (id: string, patch: Partial<Omit<Breakpoint, 'id'>>) => Problem | null;
  toggleBreakpoint: (id: string) => void;
  removeBreakpoint: (id: string) => void;
  /** The node's own unconditional breakpoint on or off (the inspector's "Break here"). */
  toggleBreakHere: (nodeId: string, label: string) => void;
}

/** The condition's first problem, worded and placed like the server's (`breakpoints.N.condition`). */
export function conditionProblem(condition: string | undefined, index: number): Problem | null {
  if (!condition?.trim()) return null;
  const r = compileCel(condition, 'breakpoint');
  if (r.ok) return null;
  const at = r.column === undefined ? '' : ` at column ${r.column}`;
  return { path: `breakpoints.${index}.condition`, message: `${r.message}${at}`, severity: 'error' };
}

/** What is sent: breakpoints of nodes no longer in the drawing stay listed but are not sent (the run has no such node). */
export const breakpointsFor = (doc: FlowDoc, list: readonly Breakpoint[]): Breakpoint[] => {
  const ids = new Set(doc.nodes.map((n) => n.id));
  return list.filter((b) => b.node === undefined || ids.has(b.node));
};

export const hasEnabledBreakpoints = (store: AppStore) => store.getState().breakpoints.some((b) => b.enabled);

/** Sends the whole list to `runId` (set-all) and waits for the answer; a refusal is told to the user. */
export async function sendBreakpoints(channel: Channel, store: AppStore, runId: string): Promise<boolean> {
  const s = store.getState();
  const r = await channel.send('run:breakpoints', {
    runId,
    breakpoints: breakpointsFor(s.present, s.breakpoints),
  });
  if (!r.ok && store.getState().run.id === runId)
    store.getState().notify(`Breakpoints not applied: ${r.message}`, 'error');
  return r.ok;
}

export function createBreakpoints(channel: Channel, store: AppStore, trace: TraceQueries) {
  const get = () => store.getState();

  /** Selects the event and the very hop the run paused on: its path lights up, its step card shows. */
  const showHit = async (hit: BreakpointHit) => {
    await trace.selectEvent(hit.event);
    const sel = get().selection;
    if (sel?.eventId !== hit.event || !sel.path) return;
    const hops = sel.path.hops;
    let index = hops.findIndex((h) => h.seq === hit.seq);
    // A path fetched later than the pause may not hold that seq (evicted): the event's last hop before it.
    if (index < 0) index = hops.reduce((at, h, i) => (h.seq <= hit.seq && h.event === hit.event ? i : at), 0);
    get().setTraceIndex(index);
  };

  const offs = [
    // Each change of the list reaches the live run as the whole list (a new run gets it from its start).
    store.subscribe((next, prev) => {
      const id = next.run.id;
      if (id && next.breakpoints !== prev.breakpoints) void sendBreakpoints(channel, store, id);
    }),
    // Another document replaces this one: its breakpoints named the old document's nodes.
    store.subscribe((next, prev) => {
      if (next.docEpoch !== prev.docEpoch && next.breakpoints.length > 0) get().clearBreakpoints();
    }),
    channel.on('run:state', (e) => {
      if (e.runId !== get().run.id) return;
      if (e.breakpoint && e.status === 'paused') {
        get().setBreakpointHit(e.breakpoint);
        void showHit(e.breakpoint);
      } else if (get().breakpointHit) get().setBreakpointHit(null);
    }),
  ];

  const api: Breakpoints = {
    addBreakpoint: (draft) => {
      const problem = conditionProblem(draft.condition, get().breakpoints.length);
      if (!problem) get().addBreakpoint(draft);
      return problem;
    },
    updateBreakpoint: (id, patch) => {
      const index = get().breakpoints.findIndex((b) => b.id === id);
      const problem = 'condition' in patch ? conditionProblem(patch.condition, index) : null;
      if (!problem) get().updateBreakpoint(id, patch);
      return problem;
    },
    toggleBreakpoint: (id) => get().toggleBreakpoint(id),
    removeBreakpoint: (id) => get().removeBreakpoint(id),
    toggleBreakHere: (nodeId, label) => {
      const own = get().breakpoints.find((b) => isBreakHere(b, nodeId));
      if (own) get().removeBreakpoint(own.id);
      else get().addBreakpoint({ name: (label || nodeId).slice(0, 80), node: nodeId });
    },
  };
  return { api, dispose: () => offs.forEach((off) => off()) };
}
