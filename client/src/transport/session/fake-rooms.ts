import {
  flowRevision,
  type FlowDoc,
  type PresenterPatch,
  type Result,
  type RoomDelta,
  type RoomSnapshot,
} from '@eventflow/shared';
import type { ServerEvent, ServerPayload } from './channel';

type Emit = <E extends ServerEvent>(event: E, payload: ServerPayload<E>) => void;

export const FAKE_PRESENTER_KEY = 'fake-presenter-key-0123456789';
export const FAKE_VIEW_KEY = 'fake-view-key-0123456789';
const CODES = ['ABC234', 'DEF567', 'GHJ789'];

/**
 * The room commands of the fake server: enough of `server/src/rooms/` for the session's tests (one socket
 * plays every role; roles are not checked, the real server's tests do that). Every change is a delta with
 * the next version, sent to the same channel, as the real server sends it to the presenter's sockets too.
 */
export function createFakeRooms(emit: Emit, flowOfRun: (runId: string) => FlowDoc | undefined) {
  const rooms = new Map<string, RoomSnapshot>();
  const joined = new Set<string>();
  let created = 0;

  const change = (code: string, delta: RoomDelta, opts: { skip?: number } = {}) => {
    const room = rooms.get(code);
    if (!room) return 0;
    room.version += 1 + (opts.skip ?? 0);
    if (delta.flow) room.flow = delta.flow;
    if (delta.flowRevision) room.flowRevision = delta.flowRevision;
    if (delta.run !== undefined) room.run = delta.run;
    if (delta.follow) room.follow = { ...room.follow, ...delta.follow };
    if (delta.attendeeCount !== undefined) room.attendeeCount = delta.attendeeCount;
    if (delta.presenterConnected !== undefined) room.presenterConnected = delta.presenterConnected;
    emit('room:state', { code, version: room.version, kind: 'delta', delta });
    return room.version;
  };

  const deltaOf = (code: string, patch: PresenterPatch): Result<RoomDelta> => {
    const room = rooms.get(code);
    const delta: RoomDelta = {};
    if (patch.flow !== undefined) {
      const flow = patch.flow as FlowDoc;
      delta.flow = flow;
      delta.flowRevision = flowRevision(flow);
    }
    if (patch.runId === null) delta.run = null;
    else if (patch.runId !== undefined) {
      const doc = flowOfRun(patch.runId);
      if (!doc) return { ok: false, code: 'unknown-run', message: `no run ${patch.runId}` };
      delta.run = { runId: patch.runId, viewKey: FAKE_VIEW_KEY, flowRevision: flowRevision(doc) };
    }
    const follow: RoomDelta['follow'] = {};
    if (patch.selection !== undefined) follow.selection = patch.selection;
    if (patch.viewport !== undefined) follow.viewport = patch.viewport;
    if (patch.spotlight !== undefined) follow.spotlight = patch.spotlight;
    if (patch.speed !== undefined) follow.speed = patch.speed;
    if (patch.recall) follow.recall = (room?.follow.recall ?? 0) + 1;
    if (Object.keys(follow).length > 0) delta.follow = follow;
    return { ok: true, value: delta };
  };

  const noRoom = (code: string) => ({
    ok: false as const,
    code: 'unknown-room' as const,
    message: `no workshop has the code ${code}: check it, or the workshop has ended`,
  });

  const fakeRooms = {
    rooms,
    /** When set, `room:join` is refused with it (a wrong-code budget that ran out). */
    joinRefusal: null as { code: 'rate-limited'; message: string } | null,
    /** The presenter changes something, as from another tab: attendees get the delta. */
    present(code: string, patch: PresenterPatch, opts: { skip?: number } = {}) {
      const delta = deltaOf(code, patch);
      return delta.ok ? change(code, delta.value, opts) : 0;
    },
    change,
    end(code: string, reason: 'ended' | 'expired' = 'ended') {
      rooms.delete(code);
      emit('room:ended', { code, reason });
    },
    serve(name: string, payload: unknown): Result<unknown> {
      const p = payload as { code: string; flow?: FlowDoc; presenterName?: string; name?: string };
      const code = (p.code ?? '').toUpperCase().replace(/[\s-]/g, '');
      const room = rooms.get(code);
      switch (name) {
        case 'room:create': {
          const flow = p.flow as FlowDoc;
          const made = CODES[created++ % CODES.length] ?? 'ABC234';
          const snapshot: RoomSnapshot = {
            code: made,
            version: 1,
            presenterName: p.presenterName ?? 'Presenter',
            presenterConnected: true,
            flow,
            flowRevision: flowRevision(flow),
            follow: {
              selection: null,
              viewport: null,
              spotlight: null,
              pointer: null,
              recall: 0,
              speed: null,
            },
            run: null,
            attendeeCount: 0,
          };
          rooms.set(made, snapshot);
          return { ok: true, value: { code: made, presenterKey: FAKE_PRESENTER_KEY, snapshot } };
        }
        case 'room:join': {
          if (fakeRooms.joinRefusal) return { ok: false, ...fakeRooms.joinRefusal };
          if (!room) return noRoom(code);
          const resumed = joined.has(code);
          if (!resumed) {
            joined.add(code);
            room.attendeeCount += 1;
            room.version += 1;
          }
          return { ok: true, value: { attendeeId: 'a1', resumed, snapshot: structuredClone(room) } };
        }
        case 'room:sync':
          return room ? { ok: true, value: { snapshot: structuredClone(room) } } : noRoom(code);
        case 'room:claim':
          if (!room) return noRoom(code);
          if ((payload as { presenterKey: string }).presenterKey !== FAKE_PRESENTER_KEY)
            return { ok: false, code: 'forbidden', message: 'that is not the presenter key' };
          return { ok: true, value: { snapshot: structuredClone(room), attendees: [] } };
        case 'room:presenter-state': {
          if (!room) return noRoom(code);
          const delta = deltaOf(code, (payload as { patch: PresenterPatch }).patch);
          if (!delta.ok) return delta;
          return { ok: true, value: { version: change(code, delta.value) } };
        }
        case 'room:pointer':
          if (!room) return noRoom(code);
          emit('room:pointer-moved', { code, pointer: (payload as { pointer: null }).pointer });
          return { ok: true, value: null };
        case 'room:end':
          if (!room) return noRoom(code);
          fakeRooms.end(code);
          return { ok: true, value: null };
        case 'room:leave':
          return room ? { ok: true, value: null } : noRoom(code);
        default:
          return { ok: false, code: 'invalid-payload', message: `the fake has no ${name}` };
      }
    },
  };
  return fakeRooms;
}
