import type { AppStore } from '../../store/store';
import type { Api } from '../api';
import type { Channel } from './channel';
import { reporter } from './run-lifecycle';

export const RUN_FIRST = 'Run the flow first (Play), then check it: the check reads your run.';

/** The Lessons panel's requests: the lessons, and a lesson's check on this tab's own run. */
export interface Lessons {
  loadLessons: () => Promise<void>;
  checkLesson: (lessonId: string) => Promise<void>;
}

export function createLessons(
  channel: Channel,
  store: AppStore,
  api: Pick<Api, 'listLessons'>,
): { api: Lessons; dispose: () => void } {
  const get = () => store.getState();
  const report = reporter(store);
  const off = channel.on('room:lesson-tally', (e) => get().setLessonTally(e.lessons));
  return {
    api: {
      loadLessons: async () => {
        try {
          get().setLessonList(await api.listLessons());
        } catch (e) {
          get().setLessonList(
            null,
            `Lessons could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
          );
        }
      },
      checkLesson: async (lessonId) => {
        const runId = get().run.id;
        if (!runId) return get().notify(RUN_FIRST);
        get().setLessonChecking(lessonId);
        const r = await channel.send('lesson:check', { runId, lessonId });
        if (r.ok) get().setLessonResult(r.value);
        else {
          get().setLessonChecking(null);
          report(r);
        }
      },
    },
    dispose: off,
  };
}
