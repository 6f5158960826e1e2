import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseFlow, summarizeTrace, type FlowDoc } from '@eventflow/shared';
import { describe, expect, it, test } from 'vitest';
import { createEngine } from './index.js';
import { build, seedArb, specArb, type Spec } from './random-flows.js';

/** The engine's own summary and the one recounted from its trace, for one run to idle. */
function bothSummaries(flow: FlowDoc, seed: number) {
  const engine = createEngine({ flow, seed });
  engine.run();
  const hops = engine.trace.read(1, engine.trace.lastSeq());
  const { doubleOutcomes, ...recount } = summarizeTrace(flow, hops, {
    seed,
    endMs: engine.now(),
    keyOf: (id) => engine.trace.event(id)?.partitionkey,
  });
  return { engine: engine.summary(), recount, doubleOutcomes };
}

const EXAMPLES = readdirSync('examples')
  .filter((f) => f.endsWith('.flow.json'))
  .sort();

describe('summarizeTrace recounts what the engine counted', () => {
  it.each(EXAMPLES)('%s: the same summary from the trace alone', (file) => {
    const r = parseFlow(JSON.parse(readFileSync(join('examples', file), 'utf8')));
    if (!r.ok) throw new Error(`${file} is invalid`);
    const { engine, recount, doubleOutcomes } = bothSummaries(r.flow, r.flow.seed ?? 1);
    expect(recount).toEqual(engine);
    expect(doubleOutcomes).toEqual([]);
  });

  test('over random flows and seeds', () => {
    fc.assert(
      fc.property(specArb, seedArb, (spec, seed) => {
        const { engine, recount, doubleOutcomes } = bothSummaries(build(spec).doc, seed);
        expect(recount).toEqual(engine);
        expect(doubleOutcomes).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  // Found by the property above: one group reading the same event from two topics (a producer publishing to
  // both), and a group that scales, which renumbers its instances mid-delivery.
  it.each([
    [
      'one group reads an event from two topics',
      `{"webhooks":[],"producers":[{"topic":0,"count":1,"rate":1,"arrival":"fixed","keyed":false,"both":true,"onTopicDown":"fail","bufferLimit":1},{"topic":0,"count":1,"rate":1,"arrival":"fixed","keyed":false,"both":false,"onTopicDown":"fail","bufferLimit":1}],"topics":[{"partitions":1,"latencyMs":0},{"partitions":1,"latencyMs":0}],"consumers":[{"topic":1,"group":0,"instances":1,"processingMs":0,"failureRate":0,"ackLossRate":0,"retry":"blocking","maxAttempts":1,"backoffMs":0,"dlq":false,"emits":false,"crashRate":0,"compensates":false},{"topic":0,"group":0,"instances":1,"processingMs":0,"failureRate":0,"ackLossRate":0,"retry":"blocking","maxAttempts":1,"backoffMs":0,"dlq":false,"emits":false,"crashRate":0,"compensates":false}],"dlqPartitions":1,"dlqInstances":1,"deliveries":["at-most-once","at-most-once","at-most-once"]}`,
      0,
    ],
    [
      'a group scales while one of its deliveries is retried',
      `{"webhooks":[],"producers":[{"topic":0,"count":4,"rate":1,"arrival":"fixed","keyed":false,"both":false,"schedule":{"type":"steps","steps":[{"at":112,"rate":25}]},"onTopicDown":"fail","bufferLimit":1}],"topics":[{"partitions":1,"latencyMs":0}],"consumers":[{"topic":0,"group":0,"instances":1,"processingMs":0,"failureRate":0,"ackLossRate":0,"retry":"blocking","maxAttempts":1,"backoffMs":0,"dlq":false,"emits":false,"crashRate":0,"outage":{"at":0,"for":113,"first":false},"autoscale":{"min":1,"extra":1,"targetLag":1,"cooldownMs":10},"compensates":false},{"topic":0,"group":0,"instances":1,"processingMs":8,"failureRate":0.5,"ackLossRate":0,"retry":"blocking","maxAttempts":3,"backoffMs":28,"dlq":false,"emits":false,"crashRate":0,"compensates":false},{"topic":0,"group":0,"instances":1,"processingMs":0,"failureRate":0,"ackLossRate":0,"retry":"blocking","maxAttempts":1,"backoffMs":0,"dlq":false,"emits":false,"crashRate":0,"compensates":false}],"dlqPartitions":1,"dlqInstances":1,"deliveries":["exactly-once","at-most-once","at-most-once"]}`,
      1466200630,
    ],
  ])('%s: the same summary', (_name, spec, seed) => {
    const { engine, recount, doubleOutcomes } = bothSummaries(build(JSON.parse(spec) as Spec).doc, seed);
    expect(recount).toEqual(engine);
    expect(doubleOutcomes).toEqual([]);
  });

  it('names a pair that got two outcomes, and conservation fails', () => {
    const r = parseFlow(JSON.parse(readFileSync(join('examples', 'fan-out.flow.json'), 'utf8')));
    if (!r.ok) throw new Error('fan-out is invalid');
    const engine = createEngine({ flow: r.flow, seed: 1 });
    engine.run();
    const hops = engine.trace.read(1, engine.trace.lastSeq());
    const acked = hops.find((h) => h.type === 'acked')!;
    const doubled = [...hops, { ...acked, seq: hops.length + 1 }];
    const s = summarizeTrace(r.flow, doubled, { seed: 1 });
    expect(s.doubleOutcomes).toHaveLength(1);
    expect(s.conservation.ok).toBe(false);
  });
});
