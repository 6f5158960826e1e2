import { Router } from 'express';
import { FlowDoc, migrateFlowDoc, parseFlow, type Problem } from '@eventflow/shared';
import { FLOW_ID_PATTERN, type FlowRepo, type WriteOutcome } from '../../ports/flow-repo.js';
import { HttpError } from './http-error.js';

/**
 * A flow is stored when it fits the format (schema and migration); graph and expression problems do not stop a
 * save, so half-built work can live in the library. They come back as `problems` with the answer.
 */
function validated(raw: unknown): { meta: { name: string; description?: string }; problems: Problem[] } {
  const migrated = migrateFlowDoc(raw);
  const schema = migrated.ok ? FlowDoc.safeParse(migrated.doc) : undefined;
  const parsed = parseFlow(raw);
  if (!schema?.success) {
    const problems = parsed.ok ? [] : parsed.problems;
    throw new HttpError(422, 'invalid-flow', 'the flow does not fit the Eventflow format', { problems });
  }
  const { name, description } = schema.data;
  const problems = parsed.ok ? parsed.warnings : parsed.problems;
  return { meta: description === undefined ? { name } : { name, description }, problems };
}

function flowId(raw: string | undefined): string {
  if (raw === undefined || !FLOW_ID_PATTERN.test(raw)) throw new HttpError(404, 'not-found', 'no such flow');
  return raw;
}

function revisionOf(raw: unknown, where: string): number {
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new HttpError(
      400,
      'invalid-payload',
      `${where} must be the integer revision the change is based on`,
    );
  }
  return n;
}

function unwrap(outcome: WriteOutcome): { id: string; revision: number } {
  if (outcome.ok) return { id: outcome.id, revision: outcome.revision };
  if (outcome.code === 'not-found') throw new HttpError(404, 'not-found', 'no such flow');
  throw new HttpError(
    409,
    'conflict',
    `the flow changed since revision you based this on; current revision is ${outcome.revision}`,
    {
      revision: outcome.revision,
    },
  );
}

export function flowsRouter(repo: FlowRepo): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    res.json(await repo.list());
  });

  router.post('/validate', (req, res) => {
    const parsed = parseFlow(req.body);
    res.json(parsed.ok ? { ok: true, problems: parsed.warnings } : { ok: false, problems: parsed.problems });
  });

  router.post('/', async (req, res) => {
    const { meta, problems } = validated(req.body);
    res.status(201).json({ ...(await repo.create(req.body, meta)), problems });
  });

  router.get('/:id', async (req, res) => {
    const stored = await repo.get(flowId(req.params.id));
    if (!stored) throw new HttpError(404, 'not-found', 'no such flow');
    res.json({
      id: stored.id,
      revision: stored.revision,
      created: stored.created,
      updated: stored.updated,
      flow: stored.flow,
    });
  });

  router.put('/:id', async (req, res) => {
    const id = flowId(req.params.id);
    const body: unknown = req.body;
    if (!body || typeof body !== 'object' || !('flow' in body)) {
      throw new HttpError(400, 'invalid-payload', 'body must be { revision, flow }');
    }
    const { revision, flow } = body as { revision?: unknown; flow: unknown };
    const base = revisionOf(revision, 'revision');
    const { meta, problems } = validated(flow);
    res.json({ ...unwrap(await repo.update(id, base, flow, meta)), problems });
  });

  router.delete('/:id', async (req, res) => {
    const id = flowId(req.params.id);
    const base =
      req.query.revision === undefined
        ? undefined
        : revisionOf(req.query.revision, 'the revision query parameter');
    unwrap(await repo.remove(id, base));
    res.status(204).end();
  });

  return router;
}
