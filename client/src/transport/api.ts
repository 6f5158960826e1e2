import {
  ErrorReply,
  ExampleList,
  RuntimeList,
  ExampleReply,
  LessonList,
  FlowList,
  FlowWriteReply,
  HealthReply,
  StoredFlowReply,
  ValidateReply,
  type ErrorCode,
  type ExampleListItem,
  type FlowDoc,
  type FlowListItem,
  type Problem,
} from '@eventflow/shared';

export type { ExampleListItem, FlowListItem };
/** `GET /api/flows/:id`: the document as saved (parsed where it is opened) and its revision. */
export type StoredFlow = StoredFlowReply;

/** A failed request: the server's `{ code, message, problems? }`, or `internal` when it could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly problems: Problem[] = [],
    /** On 409: the revision the server holds now. */
    readonly revision?: number,
  ) {
    super(message);
  }
}

/** What `request` needs of a reply schema (a zod schema from shared/), without the client depending on zod. */
interface ReplySchema<T> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/**
 * One request whose answer is parsed with its schema from shared/: a server that answers in another shape
 * is an error here, not a wrong value somewhere later. `null` expects no body (204).
 */
async function request<T>(
  reply: ReplySchema<T> | null,
  method: string,
  url: string,
  body?: unknown,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (e) {
    throw new ApiError(
      0,
      'network',
      `the server cannot be reached (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  const text = res.status === 204 ? '' : await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = ErrorReply.partial().safeParse(json ?? {});
    const e = err.success ? err.data : {};
    throw new ApiError(
      res.status,
      e.code ?? 'internal',
      e.message ?? `${method} ${url} failed (${res.status})`,
      e.problems ?? [],
      e.revision,
    );
  }
  if (reply === null) return undefined as T;
  const parsed = reply.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? ` (${first.path.map(String).join('.') || 'body'}: ${first.message})` : '';
    throw new ApiError(res.status, 'internal', `${method} ${url} answered in an unexpected shape${where}`);
  }
  return parsed.data;
}

const flowUrl = (id: string) => `/api/flows/${encodeURIComponent(id)}`;

export const api = {
  health: () => request(HealthReply, 'GET', '/api/health'),
  listFlows: () => request(FlowList, 'GET', '/api/flows'),
  getFlow: (id: string) => request(StoredFlowReply, 'GET', flowUrl(id)),
  createFlow: (flow: FlowDoc) => request(FlowWriteReply, 'POST', '/api/flows', flow),
  /** `revision` is the one this change is based on; a newer one on the server gives a 409 ApiError. */
  updateFlow: (id: string, revision: number, flow: FlowDoc) =>
    request(FlowWriteReply, 'PUT', flowUrl(id), { revision, flow }),
  /** `revision` is the one the user saw; a newer one on the server gives a 409 ApiError and nothing is deleted. */
  deleteFlow: (id: string, revision: number) =>
    request<void>(null, 'DELETE', `${flowUrl(id)}?revision=${revision}`),
  validateFlow: (flow: unknown) => request(ValidateReply, 'POST', '/api/flows/validate', flow),
  listExamples: () => request(ExampleList, 'GET', '/api/examples'),
  getExample: (id: string) => request(ExampleReply, 'GET', `/api/examples/${encodeURIComponent(id)}`),
  listLessons: () => request(LessonList, 'GET', '/api/lessons'),
  listRuntimes: () => request(RuntimeList, 'GET', '/api/runtimes'),
};

export type Api = typeof api;
