import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanvasEdge, CanvasNode } from '../model/types';
import { curveHits, routeAround, routeEdges } from './edge-route';
import { boxOf } from './node-size';

const KINDS = ['producer', 'topic', 'filter', 'consumer'] as const;

/** Random nodes on a small board (so curves often pass under boxes) and random edges between them. */
const graph = fc
  .array(
    fc.record({
      kind: fc.constantFrom(...KINDS),
      x: fc.integer({ min: 0, max: 1400 }),
      y: fc.integer({ min: 0, max: 900 }),
    }),
    {
      minLength: 2,
      maxLength: 14,
    },
  )
  .chain((ns) =>
    fc
      .array(fc.tuple(fc.nat(ns.length - 1), fc.nat(ns.length - 1)), { maxLength: 16 })
      .map((pairs) => ({ ns, pairs })),
  );

describe('routeEdges', () => {
  it('routes exactly the edges a check against every other box would route, the same way', () => {
    fc.assert(
      fc.property(graph, ({ ns, pairs }) => {
        const nodes = ns.map(
          (n, i) =>
            ({ id: `n${i}`, type: n.kind, position: { x: n.x, y: n.y }, data: {} }) as unknown as CanvasNode,
        );
        const edges = pairs.map(
          ([a, b], i) => ({ id: `e${i}`, source: `n${a}`, target: `n${b}` }) as CanvasEdge,
        );
        const routes = routeEdges(nodes, edges);
        for (const e of edges) {
          const src = nodes.find((n) => n.id === e.source);
          const tgt = nodes.find((n) => n.id === e.target);
          if (!src || !tgt || e.source === e.target) {
            expect(routes.has(e.id)).toBe(false);
            continue;
          }
          const a = boxOf(src.type, src.position);
          const b = boxOf(tgt.type, tgt.position);
          const others = nodes.filter((n) => n !== src && n !== tgt).map((n) => boxOf(n.type, n.position));
          const s = { x: a.x + a.width, y: a.y + a.height / 2 };
          const t = { x: b.x, y: b.y + b.height / 2 };
          const wanted = t.x < s.x + 48 || curveHits(s, t, others);
          expect(routes.get(e.id) ?? null).toEqual(wanted ? routeAround(a, b, others) : null);
        }
      }),
      { numRuns: 300 },
    );
  });
});
