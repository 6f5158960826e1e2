import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { trackOf, trackPoint } from './edge-geometry';

describe('dot tracks', () => {
  test('an edge without a route keeps the curve, ends on its handles', () => {
    const t = trackOf({ x: 0, y: 0 }, { x: 100, y: 50 }, undefined);
    expect(t.kind).toBe('curve');
    expect(trackPoint(t, 0)).toEqual({ x: 0, y: 0 });
    expect(trackPoint(t, 1)).toEqual({ x: 100, y: 50 });
  });

  test('a routed edge is followed along its bends, from the handles, by share of its length', () => {
    // The router's ends are the boxes' sides; the track starts and ends at the handles instead.
    const route = [
      { x: 0, y: 10 },
      { x: 20, y: 10 },
      { x: 20, y: 110 },
      { x: 120, y: 110 },
    ];
    const t = trackOf({ x: 0, y: 10 }, { x: 120, y: 110 }, route);
    expect(t.kind).toBe('route');
    if (t.kind !== 'route') return;
    expect(t.length).toBe(220);
    expect(trackPoint(t, 0)).toEqual({ x: 0, y: 10 });
    expect(trackPoint(t, 20 / 220)).toEqual({ x: 20, y: 10 });
    expect(trackPoint(t, 0.5)).toEqual({ x: 20, y: 100 });
    expect(trackPoint(t, 1)).toEqual({ x: 120, y: 110 });
  });

  test('every point of a route lies on one of its segments', () => {
    const pt = fc.record({ x: fc.integer({ min: -500, max: 500 }), y: fc.integer({ min: -500, max: 500 }) });
    fc.assert(
      fc.property(
        fc.array(pt, { minLength: 2, maxLength: 7 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (route, u) => {
          const t = trackOf(route[0]!, route[route.length - 1]!, route);
          if (t.kind !== 'route') return;
          const p = trackPoint(t, u);
          const onSome = t.points.slice(1).some((b, i) => {
            const a = t.points[i]!;
            const cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
            const within =
              p.x >= Math.min(a.x, b.x) - 1e-6 &&
              p.x <= Math.max(a.x, b.x) + 1e-6 &&
              p.y >= Math.min(a.y, b.y) - 1e-6 &&
              p.y <= Math.max(a.y, b.y) + 1e-6;
            return Math.abs(cross) < 1e-6 * (1 + Math.hypot(b.x - a.x, b.y - a.y) ** 2) && within;
          });
          expect(onSome).toBe(true);
        },
      ),
    );
  });
});
