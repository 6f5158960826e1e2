import { Router } from 'express';
import type { ExampleListItem, ExampleReply, LessonList } from '@eventflow/shared';
import type { ExampleLibrary } from '../../library/examples.js';
import type { LessonLibrary } from '../../library/lessons.js';
import { HttpError } from './http-error.js';

export function examplesRouter(examples: ExampleLibrary): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.json((await examples.list()) satisfies ExampleListItem[]);
  });
  router.get('/:id', async (req, res) => {
    const flow = await examples.get(req.params.id);
    if (flow === undefined) throw new HttpError(404, 'not-found', 'no such example');
    res.json({ id: req.params.id, flow } satisfies ExampleReply);
  });
  return router;
}

/** `GET /api/lessons`: every valid lesson, by example id (a broken lesson file is left out, never served). */
export function lessonsRouter(lessons: LessonLibrary): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.json((await lessons.list()).lessons satisfies LessonList);
  });
  return router;
}
