import type { ExampleListItem } from '@eventflow/shared';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { FLOW_ID_PATTERN } from '../ports/flow-repo.js';
import { createLessonLibrary, type LessonLibrary } from './lessons.js';

export type { ExampleListItem };

export interface ExampleLibrary {
  list(): Promise<ExampleListItem[]>;
  /** The raw document as checked in, or undefined. */
  get(id: string): Promise<unknown>;
  /** The lessons that sit next to the examples (`<id>.lesson.json`). */
  lessons: LessonLibrary;
}

const SUFFIX = '.flow.json';

/** Read-only templates: `<dir>/<id>.flow.json`, read on each request so edits show up without a restart. */
export function createExampleLibrary(dir: string): ExampleLibrary {
  async function get(id: string): Promise<unknown> {
    if (!FLOW_ID_PATTERN.test(id.replace(/\./g, '_'))) return undefined;
    try {
      return JSON.parse(await readFile(path.join(dir, `${id}${SUFFIX}`), 'utf8')) as unknown;
    } catch {
      return undefined;
    }
  }
  return {
    async list() {
      const names = await readdir(dir).catch(() => [] as string[]);
      const items: ExampleListItem[] = [];
      for (const file of names.filter((n) => n.endsWith(SUFFIX)).sort()) {
        const id = file.slice(0, -SUFFIX.length);
        const doc = await get(id);
        if (!doc || typeof doc !== 'object') continue;
        const { name, description } = doc as { name?: unknown; description?: unknown };
        items.push({
          id,
          name: typeof name === 'string' ? name : id,
          ...(typeof description === 'string' ? { description } : {}),
        });
      }
      return items;
    },
    get,
    lessons: createLessonLibrary(dir),
  };
}
