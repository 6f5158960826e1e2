import type { RecordedStep } from '@eventflow/shared';
import { describe, expect, test } from 'vitest';
import type { Engine } from '../../api.js';
import { createEngine } from '../../engine.js';
import { applyAndRecord, playScript } from '../../script.js';
import { chain, flow, producer, topic, webhook } from '../../test-helpers.js';

const live = (config: Record<string, unknown> = {}, count = 1) =>
  flow({
    nodes: [
      producer('p', { rate: 10, count }),
      topic('t'),
      webhook('w', { endpoint: 'real', url: 'http://127.0.0.1:9/hook', ...config }),
    ],
    edges: chain('p', 't', 'w'),
  });

const at = (e: Engine) =>
  e.trace
    .read(1, e.trace.lastSeq())
    .filter((h) => h.node === 'w')
    .map((h) => [h.type, h.t, h.status ?? null] as const);

/** Runs until idle, then answers each request taken with the next status, as the run host would. */
function answerWith(e: Engine, statuses: number[], log: RecordedStep[] = []) {
  for (const status of statuses) {
    e.run();
    const [req] = e.takeWebhookRequests();
    if (!req) throw new Error('no request was sent');
    e.advanceTo(e.now() + 7); // the wall time the POST took, as a paced run would have moved on
    const r = applyAndRecord(e, { op: 'webhook-response', requestId: req.id, status }, log);
    expect(r.ok).toBe(true);
  }
  e.run();
}

describe('real webhook endpoint', () => {
  test('an attempt parks the delivery and sends the CloudEvent, with nothing scheduled', () => {
    const e = createEngine({ flow: live({ timeoutMs: 300 }), seed: 1 });
    expect(e.run()).toBe('idle');
    expect(e.awaitingWebhooks()).toBe(1);
    const [req, ...rest] = e.takeWebhookRequests();
    expect(rest).toEqual([]);
    expect(req).toMatchObject({ id: 1, nodeId: 'w', url: 'http://127.0.0.1:9/hook', timeoutMs: 300 });
    expect(req!.body).toMatchObject({ specversion: '1.0', id: 'e1', source: '/nodes/p' });
    expect(e.takeWebhookRequests()).toEqual([]);
    expect(at(e)).toEqual([['delivered', 1, null]]);
  });

  test('a 200 answer acks at the position it was applied, with the status', () => {
    const e = createEngine({ flow: live(), seed: 1 });
    answerWith(e, [200]);
    expect(at(e)).toEqual([
      ['delivered', 1, null],
      ['acked', 8, 200],
    ]);
    expect(e.awaitingWebhooks()).toBe(0);
    expect(e.summary().conservation.ok).toBe(true);
  });

  test('503 and a timeout are retried with backoff; a new request goes out per attempt', () => {
    const e = createEngine({ flow: live({ maxAttempts: 3, backoffMs: 100 }), seed: 1 });
    answerWith(e, [503, 0, 200]);
    expect(at(e)).toEqual([
      ['delivered', 1, null],
      ['failed', 8, 503],
      ['retry-scheduled', 8, 503],
      ['delivered', 108, null],
      ['failed', 115, null],
      ['retry-scheduled', 115, null],
      ['delivered', 215, null],
      ['acked', 222, 200],
    ]);
  });

  test('a 400 is not retried: dropped on the first answer', () => {
    const e = createEngine({ flow: live({ maxAttempts: 5 }), seed: 1 });
    answerWith(e, [400]);
    expect(at(e).map(([t, , s]) => [t, s])).toEqual([
      ['delivered', null],
      ['failed', 400],
      ['dropped', 400],
    ]);
  });

  test('an answer to no waiting request is refused', () => {
    const e = createEngine({ flow: live(), seed: 1 });
    e.run();
    expect(e.answerWebhook(2, 200).ok).toBe(false);
    expect(e.answerWebhook(1, 200).ok).toBe(true);
    expect(e.answerWebhook(1, 200).ok).toBe(false);
  });

  test('a replay of the recorded answers reproduces the trace without sending anything', () => {
    const doc = live({ maxAttempts: 4, backoffMs: 50 }, 3);
    const original = createEngine({ flow: doc, seed: 5 });
    const log: RecordedStep[] = [];
    answerWith(original, [503, 200, 0, 400, 200], log);
    for (;;) {
      const reqs = original.takeWebhookRequests();
      if (!reqs.length) break;
      for (const r of reqs)
        applyAndRecord(original, { op: 'webhook-response', requestId: r.id, status: 200 }, log);
      original.run();
    }
    const copy = createEngine({ flow: doc, seed: 5 });
    expect(playScript(copy, { commands: log, end: original.position() }).ok).toBe(true);
    const all = (e: Engine) => e.trace.read(1, e.trace.lastSeq());
    expect(all(copy)).toEqual(all(original));
    expect(copy.awaitingWebhooks()).toBe(0);
  });

  test('a modelled webhook never sends a request', () => {
    const e = createEngine({ flow: live({ endpoint: 'modelled' }), seed: 1 });
    e.run();
    expect(e.takeWebhookRequests()).toEqual([]);
    expect(e.awaitingWebhooks()).toBe(0);
  });
});
