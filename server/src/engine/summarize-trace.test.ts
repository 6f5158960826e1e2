import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseFlow, summarizeTrace, type FlowDoc } from '@eventflow/shared';
import { describe, expect, it, test } from 'vitest';
import { createEngine } from './index.js';
import { build, seedArb, specArb } from './random-flows.js';

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
