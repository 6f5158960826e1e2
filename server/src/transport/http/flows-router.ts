import { Router } from 'express';
import type { z } from 'zod';
import {
  FlowDeleteQuery,
  FlowDoc,
  FlowUpdateBody,
  migrateFlowDoc,
  type FlowListItem,
  type FlowWriteReply,
  type StoredFlowReply,
  type ValidateReply,
  parseFlow,
  restProblems,
  type Problem,
} from '@eventflow/shared';
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

/**
 * A REST input checked against its schema in `shared/`: 428 when the revision a write must be based on is
 * missing, else 400 naming every path and what is wrong there.
 */
function checked<S extends z.ZodType>(schema: S, raw: unknown, where: string, missing: string): z.output<S> {
  const parsed = schema.safeParse(raw, { reportInput: true });
  if (parsed.success) return parsed.data;
  const problems = restProblems(parsed.error).map((p) => ({
    ...p,
    path: p.path ? `${where}.${p.path}` : where,
  }));
  const absent = !raw || typeof raw !== 'object' || !('revision' in raw);
  if (absent) throw new HttpError(428, 'invalid-payload', missing, { problems });
  const [first] = problems;
  throw new HttpError(400, 'invalid-payload', first ? `${first.path}: ${first.message}` : 'invalid request', {
    problems,
  });
}

function unwrap(outcome: WriteOutcome): { id: string; revision: number } {
  if (outcome.ok) return { id: outcome.id, revision: outcome.revision };
  if (outcome.code === 'not-found') throw new HttpError(404, 'not-found', 'no such flow');
  if (outcome.code === 'quota-exceeded') throw new HttpError(507, 'quota-exceeded', outcome.message);
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
    res.json((await repo.list()) satisfies FlowListItem[]);
  });

  router.post('/validate', (req, res) => {
    const parsed = parseFlow(req.body);
    const reply: ValidateReply = parsed.ok
      ? { ok: true, problems: parsed.warnings }
      : { ok: false, problems: parsed.problems };
    res.json(reply);
  });

  router.post('/', async (req, res) => {
    const { meta, problems } = validated(req.body);
    res.status(201).json({ ...unwrap(await repo.create(req.body, meta)), problems } satisfies FlowWriteReply);
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
    } satisfies StoredFlowReply);
  });

  router.put('/:id', async (req, res) => {
    const id = flowId(req.params.id);
    const body = checked(
      FlowUpdateBody,
      req.body,
      'body',
      'body.revision is required: send { revision, flow } with the revision this edit is based on',
    );
    const { meta, problems } = validated(body.flow);
    res.json({
      ...unwrap(await repo.update(id, body.revision, body.flow, meta)),
      problems,
    } satisfies FlowWriteReply);
  });

  router.delete('/:id', async (req, res) => {
    const id = flowId(req.params.id);
    const query = checked(
      FlowDeleteQuery,
      req.query,
      'query',
      '?revision=N is required: the revision of the flow you mean to delete',
    );
    unwrap(await repo.remove(id, query.revision));
    res.status(204).end();
  });

  return router;
}
