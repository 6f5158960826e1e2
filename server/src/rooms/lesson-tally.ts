import type { LessonTally } from '@eventflow/shared';
import type { Member, Room } from './room.js';

interface LessonRecord {
  goal: string;
  /** By attendee id, in the order they first checked; `pass` is sticky. */
  attendees: Map<string, { name: string; pass: boolean }>;
}

/** Who passed which lesson's check, per room. Kept beside the room store: a room that ends takes it along. */
export interface LessonTallies {
  /** Records one attendee's check; true when the room's tally changed (a new attendee, a first pass or a new name). */
  record(room: Room, member: Member, lessonId: string, goal: string, pass: boolean): boolean;
  tallyOf(room: Room): LessonTally;
}

export function createLessonTallies(): LessonTallies {
  const byRoom = new WeakMap<Room, Map<string, LessonRecord>>();
  return {
    record(room, member, lessonId, goal, pass) {
      let lessons = byRoom.get(room);
      if (!lessons) byRoom.set(room, (lessons = new Map()));
      let record = lessons.get(lessonId);
      if (!record) lessons.set(lessonId, (record = { goal, attendees: new Map() }));
      const held = record.attendees.get(member.id);
      // Names follow renames (a resumed attendee may rejoin under another name).
      const next = { name: member.name, pass: (held?.pass ?? false) || pass };
      record.attendees.set(member.id, next);
      return !held || held.pass !== next.pass || held.name !== next.name;
    },
    tallyOf(room) {
      const lessons = byRoom.get(room);
      if (!lessons) return [];
      return [...lessons].map(([lessonId, { goal, attendees }]) => {
        const list = [...attendees].map(([attendeeId, a]) => ({ attendeeId, name: a.name, pass: a.pass }));
        return {
          lessonId,
          goal,
          attempted: list.length,
          passed: list.filter((a) => a.pass).length,
          attendees: list,
        };
      });
    },
  };
}
