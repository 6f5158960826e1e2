import type { ErrorCode, ExampleListItem, FlowDoc, FlowListItem, Problem } from '@eventflow/shared';

export type { ExampleListItem, FlowListItem };

export interface StoredFlow {
  id: string;
  revision: number;
  flow: unknown;
}

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

interface ErrorBody {
  code?: ErrorCode;
  message?: string;
  problems?: Problem[];
  revision?: number;
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
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
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = (json ?? {}) as ErrorBody;
    throw new ApiError(
      res.status,
      err.code ?? 'internal',
      err.message ?? `${method} ${url} failed (${res.status})`,
      err.problems ?? [],
      err.revision,
    );
  }
  return json as T;
}

export const api = {
  health: () => request<{ ok: boolean }>('GET', '/api/health'),
  listFlows: () => request<FlowListItem[]>('GET', '/api/flows'),
  getFlow: (id: string) => request<StoredFlow>('GET', `/api/flows/${encodeURIComponent(id)}`),
  createFlow: (flow: FlowDoc) => request<{ id: string; revision: number }>('POST', '/api/flows', flow),
  /** `revision` is the one this change is based on; a newer one on the server gives a 409 ApiError. */
  updateFlow: (id: string, revision: number, flow: FlowDoc) =>
    request<{ id: string; revision: number }>('PUT', `/api/flows/${encodeURIComponent(id)}`, {
      revision,
      flow,
    }),
  /** `revision` is the one the user saw; a newer one on the server gives a 409 ApiError and nothing is deleted. */
  deleteFlow: (id: string, revision: number) =>
    request<void>('DELETE', `/api/flows/${encodeURIComponent(id)}?revision=${revision}`),
  validateFlow: (flow: unknown) =>
    request<{ ok: boolean; problems: Problem[] }>('POST', '/api/flows/validate', flow),
  listExamples: () => request<ExampleListItem[]>('GET', '/api/examples'),
  getExample: (id: string) =>
    request<{ id: string; flow: unknown }>('GET', `/api/examples/${encodeURIComponent(id)}`),
};

export type Api = typeof api;
