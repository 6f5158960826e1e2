import { z } from 'zod';

/** A lesson's id is its example's id (`examples/<id>.lesson.json`). */
export const LessonId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'is not a lesson id');

/** One attendee's standing on one lesson: `pass` is sticky (a pass is not undone by later experiments). */
export const TallyAttendee = z.strictObject({ attendeeId: z.string(), name: z.string(), pass: z.boolean() });

/** Per lesson that anyone checked: how many tried, how many passed, and who. */
export const LessonTallyEntry = z.strictObject({
  lessonId: LessonId,
  goal: z.string(),
  attempted: z.number().int().min(0),
  passed: z.number().int().min(0),
  /** In the order they first checked. */
  attendees: z.array(TallyAttendee),
});

export const LessonTally = z.array(LessonTallyEntry);

export type TallyAttendee = z.infer<typeof TallyAttendee>;
export type LessonTallyEntry = z.infer<typeof LessonTallyEntry>;
export type LessonTally = z.infer<typeof LessonTally>;
