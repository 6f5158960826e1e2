import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LessonId, parseLesson, type Lesson, type LessonEntry, type Problem } from '@eventflow/shared';

export interface LessonFileProblems {
  file: string;
  problems: Problem[];
}

export interface LessonLibrary {
  /** Every valid lesson by id; files that fail the schema are reported, never served. */
  list(): Promise<{ lessons: LessonEntry[]; invalid: LessonFileProblems[] }>;
  get(id: string): Promise<Lesson | undefined>;
}

const SUFFIX = '.lesson.json';

async function load(dir: string, id: string): Promise<Lesson | Problem[] | undefined> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path.join(dir, `${id}${SUFFIX}`), 'utf8')) as unknown;
  } catch (e) {
    const missing = e instanceof Error && 'code' in e && e.code === 'ENOENT';
    return missing ? undefined : [{ path: '', message: 'is not valid JSON', severity: 'error' }];
  }
  const parsed = parseLesson(raw);
  return parsed.ok ? parsed.lesson : parsed.problems;
}

/**
 * Lessons next to the examples: `<dir>/<example id>.lesson.json`, validated on every read like the examples
 * are (so an edited lesson shows without a restart, and a broken one is refused with its paths).
 */
export function createLessonLibrary(dir: string): LessonLibrary {
  return {
    async list() {
      const names = await readdir(dir).catch(() => [] as string[]);
      const lessons: LessonEntry[] = [];
      const invalid: LessonFileProblems[] = [];
      for (const file of names.filter((n) => n.endsWith(SUFFIX)).sort()) {
        const id = file.slice(0, -SUFFIX.length);
        if (!LessonId.safeParse(id).success) {
          invalid.push({
            file,
            problems: [{ path: '', message: 'file name is not a lesson id', severity: 'error' }],
          });
          continue;
        }
        const lesson = await load(dir, id);
        if (Array.isArray(lesson)) invalid.push({ file, problems: lesson });
        else if (lesson) lessons.push({ id, lesson });
      }
      return { lessons, invalid };
    },
    async get(id) {
      if (!LessonId.safeParse(id).success) return undefined;
      const lesson = await load(dir, id);
      return Array.isArray(lesson) ? undefined : lesson;
    },
  };
}
