import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError } from './api';

/** A server behind `fetch` that answers every request with this status and JSON body. */
function answer(status: number, body: unknown) {
  vi.stubGlobal('fetch', () =>
    Promise.resolve(new Response(status === 204 ? null : JSON.stringify(body), { status })),
  );
}
afterEach(() => vi.unstubAllGlobals());

describe('the REST client parses every answer with the shared schemas', () => {
  it('returns answers that fit', async () => {
    answer(200, [{ id: 'f1', name: 'Orders', revision: 2, updated: 5 }]);
    expect(await api.listFlows()).toEqual([{ id: 'f1', name: 'Orders', revision: 2, updated: 5 }]);
    answer(200, { id: 'f1', revision: 2, created: 1, updated: 5, flow: { name: 'x' } });
    expect((await api.getFlow('f1')).flow).toEqual({ name: 'x' });
    answer(204, undefined);
    await expect(api.deleteFlow('f1', 2)).resolves.toBeUndefined();
  });

  it('refuses an answer in another shape, naming the field', async () => {
    answer(200, [{ id: 'f1', name: 'Orders', revision: '2', updated: 5 }]);
    await expect(api.listFlows()).rejects.toThrow(
      /GET \/api\/flows answered in an unexpected shape \(0\.revision/,
    );
    answer(201, { id: 'f2', revision: 1 });
    await expect(api.createFlow({} as never)).rejects.toThrow(/problems/);
  });

  it('turns an error body into an ApiError with its code, problems and revision', async () => {
    answer(409, { code: 'conflict', message: 'changed', revision: 7 });
    const err = await api.updateFlow('f1', 3, {} as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: 'conflict', message: 'changed', revision: 7 });
  });
});
