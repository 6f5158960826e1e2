import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProducerFire } from './commands.js';
import { findJsonProblem } from './json-limits.js';

const nest = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

describe('bounded JSON', () => {
  it('accepts data up to the depth limit and refuses one level more, naming the path', () => {
    const limits = { maxDepth: 3, maxBytes: 1000 };
    expect(findJsonProblem(nest(3), limits)).toBeUndefined();
    expect(findJsonProblem(nest(4), limits)).toEqual({
      path: ['a', 'a', 'a'],
      message: 'is nested deeper than 3 levels',
    });
    expect(findJsonProblem([[[[1]]]], limits)?.path).toEqual([0, 0, 0]);
  });

  it('refuses data larger than the size limit and values JSON cannot carry', () => {
    expect(findJsonProblem({ s: 'x'.repeat(100) }, { maxDepth: 5, maxBytes: 50 })?.message).toMatch(
      /larger than 50 bytes/,
    );
    expect(findJsonProblem({ b: Buffer.from('x') }, { maxDepth: 5, maxBytes: 50 })).toEqual({
      path: ['b'],
      message: 'is not a JSON value',
    });
    expect(findJsonProblem([Number.NaN], { maxDepth: 5, maxBytes: 50 })?.path).toEqual([0]);
  });

  it('walks a 100,000-level document without a stack overflow', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const r = ProducerFire.safeParse({ runId: 'r', nodeId: 'p', data: deep });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path.slice(0, 3)).toEqual(['data', 0, 0]);
    expect(r.error?.issues[0]?.message).toBe('is nested deeper than 64 levels');
  });

  it('agrees with JSON.stringify on size for any JSON value within a few bytes per node', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value);
        // -0 stringifies as 0 and the estimate counts separators loosely: it never undercounts by much.
        const estimateOk = findJsonProblem(value, { maxDepth: 64, maxBytes: text.length * 2 + 8 });
        expect(estimateOk).toBeUndefined();
        if (text.length > 40) {
          expect(
            findJsonProblem(value, { maxDepth: 64, maxBytes: Math.floor(text.length / 3) }),
          ).toBeDefined();
        }
      }),
    );
  });
});
