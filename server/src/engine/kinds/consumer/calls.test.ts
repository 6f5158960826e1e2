import { explainOutcome } from '@eventflow/shared';
import { describe, expect, test } from 'vitest';
import { chain, consumer, flow, ofType, producer, runFlow, topic } from '../../test-helpers.js';

/** p → t → caller, which calls `svc` (one instance unless told) while it processes. */
function calling(
  call: Record<string, unknown>,
  opts: {
    caller?: Record<string, unknown>;
    svc?: Record<string, unknown>;
    count?: number;
    rate?: number;
    partitions?: number;
  } = {},
) {
  return flow({
    nodes: [
      producer('p', { rate: opts.rate ?? 10, count: opts.count ?? 1 }),
      topic('t', { partitions: opts.partitions ?? 1 }),
      consumer('caller', { processingMs: 5, ...opts.caller }),
      consumer('svc', { processingMs: 10, ...opts.svc }),
    ],
    edges: [...chain('p', 't', 'caller'), { source: 'caller', target: 'svc', role: 'call', call }],
  });
}
const steps = (hops: ReturnType<typeof runFlow>['hops'], event = 'e1') =>
  hops.filter((h) => h.event === event && h.node !== 'p' && h.node !== 't').map((h) => [h.type, h.node, h.t]);

describe('service calls', () => {
  test('the caller waits for the answer: its processing ends after its own work and the call', () => {
    const { hops, engine } = runFlow(calling({ latencyMs: 4, timeoutMs: 100 }));
    expect(steps(hops)).toEqual([
      ['delivered', 'caller', 1],
      ['called', 'svc', 6],
      ['call-answered', 'svc', 20],
      ['processed', 'caller', 20],
      ['acked', 'caller', 20],
    ]);
    const called = ofType(hops, 'called')[0]!;
    expect([called.edge, called.group, called.instance]).toEqual(['caller.svc', 'caller', 0]);
    expect(engine.summary().latency.nodes.svc?.max).toBeCloseTo(14, 0);
    expect(engine.summary().conservation.ok).toBe(true);
  });

  test('a slow callee times the call out: the caller fails with call-timeout and retries', () => {
    const { hops, engine } = runFlow(
      calling({ latencyMs: 0, timeoutMs: 50 }, { svc: { processingMs: 200 }, caller: { maxAttempts: 2 } }),
    );
    expect(steps(hops).slice(0, 4)).toEqual([
      ['delivered', 'caller', 1],
      ['called', 'svc', 6],
      ['call-timed-out', 'svc', 56],
      ['failed', 'caller', 56],
    ]);
    expect(ofType(hops, 'failed')[0]!.reason).toBe("call-timeout: no answer from 'svc' within 50 ms");
    // Both attempts time out, so the event is given up on (dropped: no dead-letter edge).
    expect(ofType(hops, 'call-timed-out')).toHaveLength(2);
    expect(ofType(hops, 'call-answered')).toHaveLength(0);
    expect(explainOutcome(hops, 'e1', 'caller')).toMatch(/^dropped .*call-timeout/);
    expect(engine.summary().nodes.caller?.failed).toBe(2);
  });

  test('a failing callee fails the caller: call-failed, retried like any processing failure', () => {
    const { hops } = runFlow(calling({ failureRate: 1 }, { caller: { maxAttempts: 3, backoffMs: 10 } }));
    expect(ofType(hops, 'call-failed')).toHaveLength(3);
    expect(ofType(hops, 'failed').map((h) => h.reason)).toEqual(
      Array(3).fill("call-failed: the call to 'svc' failed (failureRate 1)"),
    );
    expect(ofType(hops, 'acked')).toHaveLength(0);
  });

  test('a callee with one instance queues calls: callers behind it wait, and time out in a cascade', () => {
    // Four caller instances each call a 40 ms service at once: the calls are served one after another.
    const { hops } = runFlow(
      calling(
        { latencyMs: 0, timeoutMs: 100 },
        {
          caller: { instances: 4, processingMs: 0, maxAttempts: 1 },
          svc: { processingMs: 40 },
          count: 4,
          rate: 1000,
          partitions: 4,
        },
      ),
    );
    const called = ofType(hops, 'called');
    expect(called).toHaveLength(4);
    expect(called.filter((h) => h.reason?.includes('waits in its queue'))).toHaveLength(called.length - 1);
    // Served at 40, 80 ms after the first call; the third and fourth would answer at 120 and 160: too late.
    expect(ofType(hops, 'call-answered')).toHaveLength(2);
    expect(ofType(hops, 'call-timed-out')).toHaveLength(2);
    expect(ofType(hops, 'failed').every((h) => h.reason?.startsWith('call-timeout'))).toBe(true);
  });

  test('the caller makes its calls one after another, and the first failure stops the rest', () => {
    const doc = flow({
      nodes: [
        producer('p', { count: 1 }),
        topic('t'),
        consumer('caller', { processingMs: 0, maxAttempts: 1 }),
        consumer('a', { processingMs: 10 }),
        consumer('b', { processingMs: 10 }),
      ],
      edges: [
        ...chain('p', 't', 'caller'),
        { id: 'call-1', source: 'caller', target: 'a', role: 'call', call: { latencyMs: 0 } },
        { id: 'call-2', source: 'caller', target: 'b', role: 'call', call: { latencyMs: 0, failureRate: 1 } },
      ],
    });
    const { hops } = runFlow(doc);
    expect(steps(hops)).toEqual([
      ['delivered', 'caller', 1],
      ['called', 'a', 1],
      ['call-answered', 'a', 11],
      ['called', 'b', 11],
      ['call-failed', 'b', 21],
      ['failed', 'caller', 21],
      ['dropped', 'caller', 21],
    ]);
  });

  test('the same flow and seed give the same trace', () => {
    const doc = calling(
      { latencyMs: { min: 0, max: 80 }, timeoutMs: 60, failureRate: 0.2 },
      { caller: { instances: 2 }, svc: { processingMs: { min: 5, max: 30 } }, count: 30, rate: 50 },
    );
    expect(runFlow(doc, 9).hops).toEqual(runFlow(doc, 9).hops);
  });
});
