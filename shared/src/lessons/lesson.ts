import { z } from 'zod';
import { compileCel } from '../cel/index.js';
import { restProblems } from '../protocol/rest.js';
import type { Problem } from '../protocol/result.js';

/** A consumer group's name (or a consumer's node id); a rule without one holds for every group. */
const GroupName = z.string().min(1).max(100);

/** A check expression: CEL over `summary` (the run summary) that gives a bool. */
const CheckExpression = z
  .string()
  .max(4096)
  .superRefine((source, ctx) => {
    const compiled = compileCel(source, 'check');
    if (!compiled.ok) ctx.addIssue({ code: 'custom', message: compiled.message });
  });

/**
 * One condition of a lesson's check. The declared rules read the run summary's per-group outcomes and
 * explain a failure with counts; `cel` is for anything else, with the learner-facing text written in the
 * lesson.
 */
export const CheckRule = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('per-key-order'), group: GroupName.optional() }),
  z.strictObject({ rule: z.literal('no-loss'), group: GroupName.optional() }),
  z.strictObject({ rule: z.literal('no-duplicates-processed'), group: GroupName.optional() }),
  z.strictObject({ rule: z.literal('nothing-dead-lettered'), group: GroupName.optional() }),
  z.strictObject({
    rule: z.literal('cel'),
    expression: CheckExpression,
    /** Shown when the expression is true / false; say what the learner sees, not the expression. */
    pass: z.string().min(1).max(300),
    fail: z.string().min(1).max(300),
  }),
]);
export type CheckRule = z.infer<typeof CheckRule>;
export type RuleName = CheckRule['rule'];

const Text = (max: number) => z.string().trim().min(1).max(max);

/**
 * `examples/<example id>.lesson.json`: what a workshop teaches with that example. The lesson's id is the
 * example's id (the file name), so a new example's lesson is one file next to it.
 */
export const Lesson = z.strictObject({
  format: z.literal('eventflow.lesson'),
  version: z.literal(1),
  /** The concept the example covers, as a short heading ("Dead-letter queues"). */
  concept: Text(80),
  /** What happens in the example and why it matters: 1–3 sentences. */
  summary: Text(600),
  /** Where to look on screen while the run plays. */
  watch: Text(600),
  /** The change the learner makes to the flow to pass the check. */
  tryThis: Text(600),
  check: z.strictObject({
    /** The check as a goal ("Lose no charge"), shown on its button and in the presenter's tally. */
    goal: Text(120),
    /** All must hold for a pass. */
    rules: z.array(CheckRule).min(1).max(8),
  }),
  /**
   * Config changes per node id that make a failing check pass: the lesson's own test applies them (the
   * example as shipped must fail, with them it must pass). Left out when the example already passes and
   * `tryThis` asks the learner to break it and see why.
   */
  solution: z.record(z.string().min(1).max(100), z.looseObject({})).optional(),
});
export type Lesson = z.infer<typeof Lesson>;

/** A lesson as served: its id is its example's id. */
export const LessonEntry = z.strictObject({ id: z.string().min(1).max(100), lesson: Lesson });
export type LessonEntry = z.infer<typeof LessonEntry>;

export type ParsedLesson = { ok: true; lesson: Lesson } | { ok: false; problems: Problem[] };

/** Validates a lesson file; every problem names its path (`check.rules[0].expression: …`). */
export function parseLesson(raw: unknown): ParsedLesson {
  const r = Lesson.safeParse(raw, { reportInput: true });
  return r.success ? { ok: true, lesson: r.data } : { ok: false, problems: restProblems(r.error) };
}
