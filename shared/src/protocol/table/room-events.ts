import {
  RoomAttendeesEvent,
  RoomEndedEvent,
  RoomLessonTallyEvent,
  RoomPointerEvent,
  RoomStateEvent,
} from '../rooms.js';
import { event } from './spec.js';

/** Server → client facts of workshop rooms, each sent to the room's members (or its presenter). */
export const roomEvents = {
  'room:state': event({
    payload: RoomStateEvent,
    delivery: 'reliable',
    doc: 'to every member: a `delta` for each change (version + 1), a `snapshot` when asked; a version gap means `room:sync`',
  }),
  'room:attendees': event({
    payload: RoomAttendeesEvent,
    delivery: 'reliable',
    doc: "to the presenter's sockets only: every attendee's name and connected state on each join, leave, connect and disconnect",
  }),
  'room:lesson-tally': event({
    payload: RoomLessonTallyEvent,
    delivery: 'reliable',
    doc: "to the presenter's sockets only: after each attendee's `lesson:check`, per lesson the attempted and passed counts and who (the presenter's snapshots carry it as `lessonTally`)",
  }),
  'room:pointer-moved': event({
    payload: RoomPointerEvent,
    delivery: 'volatile',
    doc: "to attendees: the presenter's pointer",
  }),
  'room:ended': event({
    payload: RoomEndedEvent,
    delivery: 'reliable',
    doc: 'to every member when the presenter ends the workshop or it expired idle',
  }),
};
