import { z } from 'zod';
import { FlowDoc } from '../flow/schema.js';
import { jsonWithin } from './json-limits.js';
import { LessonTally } from './lesson-tally.js';
import { Speed } from './commands.js';

/**
 * Workshop rooms: a presenter runs a flow, attendees follow. Every room command names the room by its join
 * `code`; the server decides the sender's role from its session (see docs/rooms.md for the sequence).
 *
 *   presenter: room:create → { code, presenterKey, snapshot }   (keeps the key in sessionStorage)
 *              room:presenter-state { code, patch }             (run, selection, viewport, spotlight, flow)
 *              room:pointer { code, pointer }                   (volatile, throttle to ~10/s)
 *              room:claim { code, presenterKey }                (after a reconnect under a new session)
 *              room:end { code }
 *   attendee:  room:join { code, name } → { attendeeId, snapshot }  (again after a reconnect: same attendee)
 *              run:watch { runId, viewKey, fromSeq }            (viewKey from the snapshot's `run`)
 *              room:sync { code } → { snapshot }                (a gap in `version`)
 *              room:leave { code }
 */

/** Join codes use digits and capitals without look-alikes: no 0/O, 1/I/L. 31 symbols. */
export const ROOM_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ROOM_CODE_LENGTH = 6;
/** Longest display name, in code points, after sanitising. */
export const DISPLAY_NAME_MAX = 40;

const codePattern = new RegExp(`^[${ROOM_CODE_ALPHABET}]{${ROOM_CODE_LENGTH}}$`);

/**
 * A join code as typed or read from a URL: case-insensitive, spaces and dashes ignored ("abc-234" is
 * "ABC234"). Anything outside the alphabet fails here, before the server looks it up.
 */
export const RoomCode = z
  .string()
  .max(32)
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(
    z
      .string()
      .regex(
        codePattern,
        `must be ${ROOM_CODE_LENGTH} characters from ${ROOM_CODE_ALPHABET} (no 0, O, 1, I or L)`,
      ),
  );

/** The presenter's secret: 24 random bytes, base64url. Sent only in `room:create`'s answer and `room:claim`. */
export const PresenterKey = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'is not a presenter key');

/**
 * Control characters (C0, DEL, C1), bidi overrides and isolates, and invisible marks that could disguise
 * one name as another or break a list; zero-width joiners stay (emoji sequences need them).
 */
const INVISIBLES = /[\p{Cc}\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

/** Strips invisibles, folds runs of whitespace to one space, trims, then keeps `DISPLAY_NAME_MAX` code points. */
export function sanitizeDisplayName(raw: string): string {
  const folded = raw.replace(INVISIBLES, '').replace(/\s+/g, ' ').trim();
  return Array.from(folded).slice(0, DISPLAY_NAME_MAX).join('').trim();
}

/** A display name, sanitised (rendered as text by clients all the same). Empty after sanitising fails. */
export const DisplayName = z
  .string()
  .max(400)
  .transform(sanitizeDisplayName)
  .pipe(z.string().min(1, 'must contain a visible character'));

const FlowPayload = z.unknown().superRefine(jsonWithin({ maxDepth: 64, maxBytes: 8 * 1024 * 1024 }));
const Coordinate = z.number().finite().min(-1e7).max(1e7);

/** The presenter's pan and zoom, as React Flow's viewport (`x`, `y` in screen px, `zoom` a factor). */
export const Viewport = z.strictObject({ x: Coordinate, y: Coordinate, zoom: z.number().min(0.01).max(100) });
/** A point in flow coordinates (the space node positions are in), so it lands on the same spot at every zoom. */
export const FlowPoint = z.strictObject({ x: Coordinate, y: Coordinate });

/**
 * What the presenter's canvas marks: the selected event (null: none) and the hop shown as current, by its
 * `seq` in the run (null: the newest, i.e. not stepping).
 */
export const FollowSelection = z.strictObject({
  eventId: z.string().min(1).max(128).nullable(),
  hopSeq: z.number().int().min(1).nullable(),
});

/** What attendees follow besides the run itself; null fields mean "nothing" (no selection, default view). */
export const FollowState = z.strictObject({
  selection: FollowSelection.nullable(),
  viewport: Viewport.nullable(),
  /** Node every attendee's canvas highlights. */
  spotlight: z.string().min(1).max(64).nullable(),
  pointer: FlowPoint.nullable(),
  /**
   * Counts the presenter's "Bring everyone to me": an attendee who sees it grow goes back to following,
   * whatever they were doing (panned away, in a sandbox). Starts at 0.
   */
  recall: z.number().int().min(0),
  /** The presenter's run speed (null: not said yet), so an attendee's clock runs at the same rate between reports. */
  speed: Speed.nullable(),
});

/** Where the presenter's run stood when the snapshot was taken; `run:state` events carry it on from there. */
export const RoomRunState = z.strictObject({
  status: z.enum(['paused', 'running', 'completed', 'stopped', 'failed']),
  /** Simulated ms since the run's start. */
  t: z.number(),
  reason: z.string().optional(),
});

/**
 * The presenter's run. `viewKey` is the run's `run:share` key: an attendee sends `run:watch` with it to
 * stream the run read-only (the same access path as every shared run); control stays the presenter's.
 */
export const RoomRun = z.strictObject({
  runId: z.string().min(1).max(64),
  viewKey: z.string().min(16).max(64),
  flowRevision: z.string(),
  /** Absent until the run has reported a state. */
  state: RoomRunState.optional(),
});

/** Everything a late joiner needs at once. `version` counts changes; deltas carry the next one. */
export const RoomSnapshot = z.strictObject({
  code: RoomCode,
  version: z.number().int().min(1),
  presenterName: z.string(),
  /** False while no presenter socket is connected (attendees may show "waiting for the presenter"). */
  presenterConnected: z.boolean(),
  flow: FlowDoc,
  /** `flowRevision(flow)`: compare with `run.flowRevision` to know whether the run is of this flow. */
  flowRevision: z.string(),
  follow: FollowState,
  run: RoomRun.nullable(),
  attendeeCount: z.number().int().min(0),
  /** The presenter's snapshots only: who passed which lesson's check so far (`room:lesson-tally`). */
  lessonTally: LessonTally.optional(),
});

/** The fields of a snapshot that changed; `follow` holds only the follow fields that changed. */
export const RoomDelta = z.strictObject({
  presenterConnected: z.boolean().optional(),
  flow: FlowDoc.optional(),
  flowRevision: z.string().optional(),
  follow: FollowState.partial().optional(),
  run: RoomRun.nullable().optional(),
  attendeeCount: z.number().int().min(0).optional(),
});

/** One person in the room, as the presenter sees them; lists are in join order. */
export const Attendee = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** False while none of their sockets is connected (they may come back with the same session). */
  connected: z.boolean(),
});

/**
 * What the presenter may change. Omitted fields stay; `runId` attaches a run the presenter's session owns
 * (null detaches); `flow` replaces the room's flow (parsed like `run:start`'s, problems → `invalid-flow`).
 */
export const PresenterPatch = z
  .strictObject({
    flow: FlowPayload.optional(),
    runId: z.string().min(1).max(64).nullable().optional(),
    selection: FollowSelection.nullable().optional(),
    viewport: Viewport.nullable().optional(),
    spotlight: z.string().min(1).max(64).nullable().optional(),
    speed: Speed.optional(),
    /** "Bring everyone to me": the server adds one to `follow.recall`. */
    recall: z.literal(true).optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'change at least one field' });

export const RoomCreate = z.strictObject({
  flow: FlowPayload,
  /** Shown to attendees ("Following <name>"); default "Presenter". */
  presenterName: DisplayName.optional(),
});
export const RoomRef = z.strictObject({ code: RoomCode });
export const RoomJoin = z.strictObject({ code: RoomCode, name: DisplayName });
export const RoomClaim = z.strictObject({ code: RoomCode, presenterKey: PresenterKey });
export const RoomPresenterState = z.strictObject({ code: RoomCode, patch: PresenterPatch });
export const RoomPointer = z.strictObject({ code: RoomCode, pointer: FlowPoint.nullable() });

export const RoomCreated = z.strictObject({
  code: RoomCode,
  /** Keep it in the presenter's tab (sessionStorage); never put it in a URL or show it to attendees. */
  presenterKey: PresenterKey,
  snapshot: RoomSnapshot,
});
export const RoomJoined = z.strictObject({
  attendeeId: z.string(),
  /** True when this session was already in the room (a reconnect): same attendee, fresh snapshot. */
  resumed: z.boolean(),
  snapshot: RoomSnapshot,
});
export const RoomClaimed = z.strictObject({ snapshot: RoomSnapshot, attendees: z.array(Attendee) });
export const RoomSynced = z.strictObject({ snapshot: RoomSnapshot });
export const RoomUpdated = z.strictObject({ version: z.number().int().min(1) });

/**
 * `room:state`, to every socket in the room. A snapshot replaces what the client holds; a delta applies to
 * the snapshot of `version - 1`. A client that sees another version asks `room:sync`.
 */
export const RoomStateEvent = z.discriminatedUnion('kind', [
  z.strictObject({
    code: RoomCode,
    version: z.number().int(),
    kind: z.literal('snapshot'),
    snapshot: RoomSnapshot,
  }),
  z.strictObject({ code: RoomCode, version: z.number().int(), kind: z.literal('delta'), delta: RoomDelta }),
]);
/** `room:attendees`, to the presenter's sockets only: the whole list on every join, leave or (dis)connect. */
export const RoomAttendeesEvent = z.strictObject({ code: RoomCode, attendees: z.array(Attendee) });
/** `room:pointer-moved`, volatile (a missed one is replaced by the next): not versioned, kept in snapshots. */
export const RoomPointerEvent = z.strictObject({ code: RoomCode, pointer: FlowPoint.nullable() });
/** `room:ended`: the presenter ended the workshop, or it expired idle. The code is dead from then on. */
export const RoomLessonTallyEvent = z.strictObject({ code: RoomCode, lessons: LessonTally });

export const RoomEndedEvent = z.strictObject({ code: RoomCode, reason: z.enum(['ended', 'expired']) });

export type RoomCode = z.infer<typeof RoomCode>;
export type RoomLessonTallyEvent = z.infer<typeof RoomLessonTallyEvent>;
export type Viewport = z.infer<typeof Viewport>;
export type FlowPoint = z.infer<typeof FlowPoint>;
export type FollowSelection = z.infer<typeof FollowSelection>;
export type FollowState = z.infer<typeof FollowState>;
export type RoomRunState = z.infer<typeof RoomRunState>;
export type RoomRun = z.infer<typeof RoomRun>;
export type RoomSnapshot = z.infer<typeof RoomSnapshot>;
export type RoomDelta = z.infer<typeof RoomDelta>;
export type Attendee = z.infer<typeof Attendee>;
export type PresenterPatch = z.infer<typeof PresenterPatch>;
export type RoomCreate = z.infer<typeof RoomCreate>;
export type RoomRef = z.infer<typeof RoomRef>;
export type RoomJoin = z.infer<typeof RoomJoin>;
export type RoomClaim = z.infer<typeof RoomClaim>;
export type RoomPresenterState = z.infer<typeof RoomPresenterState>;
export type RoomPointer = z.infer<typeof RoomPointer>;
export type RoomCreated = z.infer<typeof RoomCreated>;
export type RoomJoined = z.infer<typeof RoomJoined>;
export type RoomClaimed = z.infer<typeof RoomClaimed>;
export type RoomSynced = z.infer<typeof RoomSynced>;
export type RoomUpdated = z.infer<typeof RoomUpdated>;
export type RoomStateEvent = z.infer<typeof RoomStateEvent>;
export type RoomAttendeesEvent = z.infer<typeof RoomAttendeesEvent>;
export type RoomPointerEvent = z.infer<typeof RoomPointerEvent>;
export type RoomEndedEvent = z.infer<typeof RoomEndedEvent>;
