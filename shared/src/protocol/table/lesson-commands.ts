import { LessonCheck, LessonChecked } from '../lessons.js';
import { command } from './spec.js';

/** Workshop lessons (docs/lessons.md): checks the server runs on the sender's own run. */
export const lessonCommands = {
  'lesson:check': command({
    payload: LessonCheck,
    reply: LessonChecked,
    access: 'owner',
    rate: 'command',
    doc: "Runs the lesson's check (`examples/<lessonId>.lesson.json`) on the run's summary as it stands: `pass` with a `reason` a learner can act on, per rule too. A declared rule that already fails decides at once; a pass needs the run to have finished (`finished: false` until then). When the sender is an attendee of a live workshop the result is recorded (`recorded: true`) and the presenter gets `room:lesson-tally`. `not-found` for an unknown lesson.",
  }),
};

export type LessonCommandName = keyof typeof lessonCommands;
