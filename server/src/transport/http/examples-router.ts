import { Router } from 'express';
import type { ExampleListItem, ExampleReply } from '@eventflow/shared';
import type { ExampleLibrary } from '../../library/examples.js';
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
