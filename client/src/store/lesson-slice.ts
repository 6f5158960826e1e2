import type { LessonChecked, LessonEntry, LessonTally } from '@eventflow/shared';
import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './store';

/** The Lessons panel's state: the lessons the server serves, this tab's check results, a room's tally. */
export interface LessonSlice {
  lessons: {
    open: boolean;
    /** null until loaded; `error` says why loading failed. */
    list: LessonEntry[] | null;
    error: string | null;
    /** The lesson whose check is on its way to the server. */
    checking: string | null;
    /** The latest answer per lesson id. */
    results: Record<string, LessonChecked>;
    /** The lesson whose example was opened from the panel: it stays unfolded. */
    active: string | null;
    /** Who passed what in the workshop this tab presents (`room:lesson-tally`); null outside one. */
    tally: LessonTally | null;
  };
  toggleLessons: (open?: boolean) => void;
  setLessonList: (list: LessonEntry[] | null, error?: string) => void;
  setLessonChecking: (lessonId: string | null) => void;
  setLessonResult: (result: LessonChecked) => void;
  setLessonTally: (tally: LessonTally | null) => void;
  setActiveLesson: (lessonId: string | null) => void;
}

export const createLessonSlice: StateCreator<AppState, [], [], LessonSlice> = (set) => ({
  lessons: { open: false, list: null, error: null, checking: null, results: {}, tally: null, active: null },
  toggleLessons: (open) => set((s) => ({ lessons: { ...s.lessons, open: open ?? !s.lessons.open } })),
  setLessonList: (list, error) => set((s) => ({ lessons: { ...s.lessons, list, error: error ?? null } })),
  setLessonChecking: (checking) => set((s) => ({ lessons: { ...s.lessons, checking } })),
  setLessonResult: (result) =>
    set((s) => ({
      lessons: { ...s.lessons, checking: null, results: { ...s.lessons.results, [result.lessonId]: result } },
    })),
  setLessonTally: (tally) => set((s) => ({ lessons: { ...s.lessons, tally } })),
  setActiveLesson: (active) => set((s) => ({ lessons: { ...s.lessons, active } })),
});
