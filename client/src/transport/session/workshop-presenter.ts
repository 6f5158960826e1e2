import type { FlowPoint, FollowSelection, PresenterPatch, Viewport } from '@eventflow/shared';
import type { AppState, AppStore } from '../../store/store';
import { selectCurrentHop } from '../../store/trace-slice';
import type { Channel } from './channel';

/** Flow edits wait this long for the next keystroke before attendees get the flow (ms). */
export const FLOW_SEND_MS = 300;
/** Volatile, and it spends the command budget: about 10 pointer moves a second (ms). */
export const POINTER_MS = 100;
export const VIEWPORT_MS = 150;

/** Calls `send` at most once per `ms`, always with the newest value (the last one is never lost). */
export function throttle<T>(ms: number, send: (value: T) => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: { value: T } | null = null;
  const fire = () => {
    timer = undefined;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    send(value);
    timer = setTimeout(fire, ms);
  };
  return {
    push(value: T) {
      pending = { value };
      if (timer === undefined) fire();
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      pending = null;
    },
  };
}

/** What the presenter's canvas marks: the selected event and the hop shown as current. */
export function selectionOf(s: AppState): FollowSelection | null {
  const eventId = s.selection?.eventId ?? null;
  const hopSeq = selectCurrentHop(s)?.seq ?? null;
  return eventId === null && hopSeq === null ? null : { eventId, hopSeq };
}

export interface PresenterTools {
  viewport: (v: Viewport) => void;
  pointer: (p: FlowPoint | null) => void;
  spotlight: (nodeId: string | null) => Promise<void>;
  bringEveryone: () => Promise<void>;
  /** Sends what attendees must see now (the run, the selection); called once the room exists. */
  publish: () => void;
  dispose: () => void;
}

/**
 * The presenter's side: every change of the run, the flow and the selection goes to the room as a
 * `room:presenter-state` patch; the view reports its viewport and pointer, throttled.
 */
export function presenterTools(channel: Channel, store: AppStore): PresenterTools {
  const get = () => store.getState();
  const code = () => {
    const room = get().room;
    return room?.role === 'presenter' && !room.ended ? room.code : null;
  };
  const send = async (patch: PresenterPatch) => {
    const c = code();
    if (!c) return;
    const r = await channel.send('room:presenter-state', { code: c, patch });
    // A drawing with problems is simply not shown to attendees until it is fixed.
    if (!r.ok && r.code !== 'invalid-flow')
      get().notify(`Attendees did not get the change: ${r.message}`, 'error');
  };

  let sentRun: string | null | undefined;
  let sentSpeed: AppState['run']['speed'] | undefined;
  let sentSelection = 'null';
  let flowTimer: ReturnType<typeof setTimeout> | undefined;
  const sendFlow = () => {
    clearTimeout(flowTimer);
    flowTimer = undefined;
    void send({ flow: get().present });
  };

  const publish = () => {
    const s = get();
    if (!code()) return;
    if (s.run.id !== sentRun) {
      // Marked sent first: a room delta answering the flow below may come back into this function.
      sentRun = s.run.id;
      // A new run is of the drawing on screen: attendees must have that drawing before they watch it.
      if (flowTimer !== undefined) sendFlow();
      void send({ runId: s.run.id });
    }
    if (s.run.speed !== sentSpeed) {
      sentSpeed = s.run.speed;
      void send({ speed: s.run.speed });
    }
    const selection = selectionOf(s);
    const key = JSON.stringify(selection);
    if (key !== sentSelection) {
      sentSelection = key;
      void send({ selection });
    }
  };

  const unsubscribe = store.subscribe((next, prev) => {
    if (!code()) {
      sentRun = undefined;
      sentSpeed = undefined;
      sentSelection = 'null';
      return;
    }
    if (next.present !== prev.present) {
      clearTimeout(flowTimer);
      flowTimer = setTimeout(sendFlow, FLOW_SEND_MS);
    }
    publish();
  });

  const pointer = throttle<FlowPoint | null>(POINTER_MS, (p) => {
    const c = code();
    if (c) void channel.send('room:pointer', { code: c, pointer: p });
  });
  const viewport = throttle<Viewport>(VIEWPORT_MS, (v) => void send({ viewport: v }));

  return {
    viewport: (v) => viewport.push(v),
    pointer: (p) => pointer.push(p),
    spotlight: (nodeId) => send({ spotlight: nodeId }),
    bringEveryone: () => send({ recall: true }),
    publish,
    dispose: () => {
      unsubscribe();
      clearTimeout(flowTimer);
      pointer.cancel();
      viewport.cancel();
    },
  };
}
