import { z } from 'zod';
import {
  RoomClaim,
  RoomClaimed,
  RoomCreate,
  RoomCreated,
  RoomJoin,
  RoomJoined,
  RoomPointer,
  RoomPresenterState,
  RoomRef,
  RoomSynced,
  RoomUpdated,
} from '../rooms.js';
import { command } from './spec.js';

const Null = z.null();

/**
 * Workshop rooms (docs/rooms.md). None names a run (`access: 'none'`): roles are the room's, decided by the
 * handler from the sender's session, and the presenter's run is reached through `run:watch` like every
 * shared run. Failed joins and claims also spend a per-address guess budget inside the handler (only
 * failures count, so it cannot be a rate class that is charged before the command runs).
 */
export const roomCommands = {
  'room:create': command({
    payload: RoomCreate,
    reply: RoomCreated,
    access: 'none',
    rate: 'command',
    doc: 'Opens a workshop on `flow` (parsed like `run:start`, problems → `invalid-flow`) with this session as its presenter and joins the room. Answers the join `code`, the `presenterKey` (keep it in the tab; never show it) and the first snapshot. `room-limit` past 3 rooms per session or the server cap.',
  }),
  'room:join': command({
    payload: RoomJoin,
    reply: RoomJoined,
    access: 'none',
    rate: 'command',
    doc: 'Joins as an attendee with a display name (trimmed, control characters removed, 40 characters at most) and answers a snapshot at once. The same session again (a reconnect) resumes its attendee with a fresh snapshot. Wrong, ended or expired code: `unknown-room`; failed joins are limited per address (`rate-limited`). The presenter session: `conflict`.',
  }),
  'room:claim': command({
    payload: RoomClaim,
    reply: RoomClaimed,
    access: 'none',
    rate: 'command',
    doc: 'Takes the presenter role with the key (a presenter whose session changed). Wrong key: `forbidden`, counted like a failed join.',
  }),
  'room:sync': command({
    payload: RoomRef,
    reply: RoomSynced,
    access: 'none',
    rate: 'command',
    doc: 'A fresh snapshot for a member (after a gap in `room:state` versions, or a second tab). Others: `forbidden`.',
  }),
  'room:presenter-state': command({
    payload: RoomPresenterState,
    reply: RoomUpdated,
    access: 'none',
    rate: 'command',
    doc: 'Presenter only (`forbidden` for anyone else, and nothing changes). Sets one or more of `flow`, `runId` (a run this session owns: it is shared and attendees get its view key), `selection`, `viewport`, `spotlight`, `speed` (the run speed, so attendee clocks keep pace); `recall: true` ("Bring everyone to me") adds one to `follow.recall`, which sends every attendee back to following. Attendees get one `room:state` delta.',
  }),
  'room:pointer': command({
    payload: RoomPointer,
    reply: Null,
    access: 'none',
    rate: 'command',
    doc: 'Presenter only. The pointer in flow coordinates (null hides it), sent on volatile; throttle it to about 10/s (it spends the command budget).',
  }),
  'room:end': command({
    payload: RoomRef,
    reply: Null,
    access: 'none',
    rate: 'command',
    doc: 'Presenter only. Ends the workshop: every member gets `room:ended { reason: "ended" }` and the code is dead.',
  }),
  'room:leave': command({
    payload: RoomRef,
    reply: Null,
    access: 'none',
    rate: 'command',
    doc: 'An attendee leaves the room for good (a dropped connection is not a leave: it shows as disconnected).',
  }),
};

export type RoomCommandName = keyof typeof roomCommands;
