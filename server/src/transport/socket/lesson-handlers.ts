import { evaluateCheck, fail, ok, type LessonCommandName } from '@eventflow/shared';
import type { LessonLibrary } from '../../library/lessons.js';
import type { LessonTallies } from '../../rooms/lesson-tally.js';
import type { RoomStore } from '../../rooms/room-store.js';
import type { RunService } from '../../runs/run-api.js';
import type { Handler } from './command-table.js';
import { presenterChannel } from './room-handlers.js';
import type { AppServer } from './run-handlers.js';

export interface LessonDeps {
  runs: Pick<RunService, 'command'>;
  lessons: LessonLibrary;
  rooms: Pick<RoomStore, 'attendedBy'>;
  tallies: LessonTallies;
}

export type LessonHandlers = { [C in LessonCommandName]: Handler<C> };

/**
 * `lesson:check`: the table's owner check has already passed, so the summary read is the sender's own run.
 * The check runs here, on the main thread, over the summary the worker reports (a few rules, no trace scan).
 */
export function createLessonHandlers(io: AppServer, deps: LessonDeps): LessonHandlers {
  return {
    'lesson:check': async ({ runId, lessonId }, reply, who) => {
      const lesson = await deps.lessons.get(lessonId);
      if (!lesson) return reply(fail('not-found', `no lesson '${lessonId}'`));
      const state = await deps.runs.command(runId, { op: 'summary' });
      if (!state.ok) return reply(state);
      const result = evaluateCheck(lesson.check, state.value.summary, state.value.finished);
      const { goal } = lesson.check;
      const rooms = deps.rooms.attendedBy(who.id);
      for (const room of rooms) {
        const member = room.members.get(who.id);
        if (!member) continue;
        deps.tallies.record(room, member, lessonId, goal, result.pass);
        io.to(presenterChannel(room.code)).emit('room:lesson-tally', {
          code: room.code,
          lessons: deps.tallies.tallyOf(room),
        });
      }
      reply(ok({ ...result, lessonId, goal, recorded: rooms.length > 0 }));
    },
  };
}
