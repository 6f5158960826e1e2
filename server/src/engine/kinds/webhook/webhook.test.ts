import { explainOutcome } from '@eventflow/shared';
import { describe, expect, test } from 'vitest';
import { chain, consumer, flow, ofType, producer, runFlow, topic, webhook } from '../../test-helpers.js';

const only = (k: 'ok' | 'clientError' | 'serverError' | 'timeout') => ({
  ok: 0,
  clientError: 0,
  serverError: 0,
  timeout: 0,
  [k]: 1,
});

function hooked(config: Record<string, unknown>, count = 1, dlq = false) {
  return flow({
    nodes: [
      producer('p', { rate: 10, count }),
      topic('t'),
      webhook('w', config),
      ...(dlq ? [topic('dlq'), consumer('d')] : []),
    ],
    edges: [
      ...chain('p', 't', 'w'),
      ...(dlq ? [{ source: 'w', target: 'dlq', role: 'dead-letter' as const }, ...chain('dlq', 'd')] : []),
    ],
  });
}
const at = (hops: ReturnType<typeof runFlow>['hops'], node = 'w') =>
  hops.filter((h) => h.node === node).map((h) => [h.type, h.t, h.status ?? null] as const);

describe('webhook', () => {
  test('2xx is delivered: acked with status 200 after the response time', () => {
    const { hops, engine } = runFlow(hooked({ statusMix: only('ok'), latencyMs: 40 }));
    expect(at(hops)).toEqual([
      ['delivered', 1, null],
      ['acked', 41, 200],
    ]);
    expect(explainOutcome(hops, 'e1', 'w')).toBe('acked at t=41 ms (HTTP 200)');
    expect(engine.summary().conservation.ok).toBe(true);
  });

  test('4xx is not retried: the event is dead-lettered at once, with the status', () => {
    const { hops, engine } = runFlow(hooked({ statusMix: only('clientError'), maxAttempts: 5 }, 1, true));
    expect(at(hops)).toEqual([
      ['delivered', 1, null],
      ['failed', 41, 400],
      ['dead-lettered', 41, 400],
    ]);
    expect(ofType(hops, 'dead-lettered')[0]!.reason).toBe('HTTP 400 (a client error is not retried)');
    expect(explainOutcome(hops, 'e1', 'w')).toBe(
      'dead-lettered after 1 attempt: HTTP 400 (a client error is not retried)',
    );
    expect(ofType(hops, 'acked').map((h) => h.node)).toEqual(['d']);
    expect(engine.summary().conservation.ok).toBe(true);
  });

  test('4xx with no dead-letter edge is dropped', () => {
    const { hops } = runFlow(hooked({ statusMix: only('clientError') }));
    expect(at(hops).map(([t]) => t)).toEqual(['delivered', 'failed', 'dropped']);
    expect(explainOutcome(hops, 'e1', 'w')).toMatch(/^dropped at t=41 ms: .*HTTP 400/);
  });

  test('5xx is retried with exponential backoff until maxAttempts', () => {
    const { hops } = runFlow(
      hooked({
        statusMix: only('serverError'),
        latencyMs: 10,
        maxAttempts: 3,
        backoffMs: { initial: 100, multiplier: 2, max: 10_000 },
      }),
    );
    expect(at(hops)).toEqual([
      ['delivered', 1, null],
      ['failed', 11, 503],
      ['retry-scheduled', 11, 503],
      ['delivered', 111, null],
      ['failed', 121, 503],
      ['retry-scheduled', 121, 503],
      ['delivered', 321, null],
      ['failed', 331, 503],
      ['dropped', 331, 503],
    ]);
    expect(ofType(hops, 'retry-scheduled')[1]!.reason).toBe('HTTP 503; attempt 3 of 3 in 200 ms');
  });

  test('a timeout ends the attempt at timeoutMs with no status, and is retried', () => {
    const { hops } = runFlow(
      hooked({ statusMix: only('timeout'), timeoutMs: 250, maxAttempts: 2, backoffMs: 50 }),
    );
    expect(at(hops)).toEqual([
      ['delivered', 1, null],
      ['failed', 251, null],
      ['retry-scheduled', 251, null],
      ['delivered', 301, null],
      ['failed', 551, null],
      ['dropped', 551, null],
    ]);
    expect(ofType(hops, 'failed')[0]!.reason).toBe('timed out after 250 ms');
  });

  test('a response slower than the timeout is a timeout, even when the endpoint would have said 200', () => {
    const { hops } = runFlow(
      hooked({ statusMix: only('ok'), latencyMs: 500, timeoutMs: 100, maxAttempts: 1 }),
    );
    expect(at(hops)).toEqual([
      ['delivered', 1, null],
      ['failed', 101, null],
      ['dropped', 101, null],
    ]);
  });

  test('a status mix is drawn from the seed: the same seed gives the same statuses, another seed others', () => {
    const doc = hooked(
      { statusMix: { ok: 1, clientError: 1, serverError: 1, timeout: 1 }, maxAttempts: 1, timeoutMs: 100 },
      40,
    );
    const statuses = (seed: number) =>
      runFlow(doc, seed)
        .hops.filter((h) => h.type === 'failed' || h.type === 'acked')
        .map((h) => h.status ?? 0);
    const a = statuses(3);
    expect(statuses(3)).toEqual(a);
    expect(new Set(a)).toEqual(new Set([200, 400, 503, 0]));
    expect(statuses(4)).not.toEqual(a);
  });
});
