import { z } from 'zod';
import { CheckResult } from '../lessons/check.js';
import { LessonEntry } from '../lessons/lesson.js';
import { RunId } from './commands.js';
import { LessonId } from './lesson-tally.js';

/** `lesson:check`: run the lesson's check on the sender's own run. */
export const LessonCheck = z.strictObject({ runId: RunId, lessonId: LessonId });

export const LessonChecked = CheckResult.extend({
  lessonId: LessonId,
  goal: z.string(),
  /** True when the result went into a workshop's tally (the sender is an attendee of a live room). */
  recorded: z.boolean(),
});

/** `GET /api/lessons`. */
export const LessonList = z.array(LessonEntry);

export type LessonList = z.infer<typeof LessonList>;
export type LessonCheck = z.infer<typeof LessonCheck>;
export type LessonChecked = z.infer<typeof LessonChecked>;
