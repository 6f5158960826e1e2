import { describe, expect, it } from 'vitest';
import { RETRIED_THEN_ACKED } from '../model/test-hops';
import { DOT_BUDGET, scheduleDots } from './dot-schedule';
import { colourOfType, edgeBezier, pointAt, sampleStride } from './edge-geometry';

describe('scheduleDots', () => {
  it('animates only hops that move along an edge, paced by simulated time over speed', () => {
    const dots = scheduleDots(RETRIED_THEN_ACKED, 1_000, 1, 0);
    expect(dots.map((d) => d.edge)).toEqual(['e1', 'e2', 'e2', 'e2', 'e3', 'e4']);
    // The second delivery is 121 simulated ms after the first publish: at 1× it leaves 121 wall ms later.
    expect(dots[2]?.start).toBe(1_121);
    expect(scheduleDots(RETRIED_THEN_ACKED, 1_000, 10, 0)[2]?.start).toBeCloseTo(1_012.1);
    expect(scheduleDots(RETRIED_THEN_ACKED, 1_000, 'max', 0).every((d) => d.start === 1_000)).toBe(true);
  });

  it('thins to the budget at high rates', () => {
    const flood = Array.from({ length: 5_000 }, (_, i) => ({ ...RETRIED_THEN_ACKED[1]!, seq: i + 1 }));
    expect(scheduleDots(flood, 0, 1, 0).length).toBeLessThanOrEqual(DOT_BUDGET);
    expect(scheduleDots(flood, 0, 1, DOT_BUDGET)).toEqual([]);
    expect(sampleStride(10, 0, 400)).toBe(1);
    expect(sampleStride(1000, 300, 400)).toBe(10);
  });
});

describe('edge geometry', () => {
  it('runs from the source handle to the target handle', () => {
    const b = edgeBezier({ x: 0, y: 0 }, { x: 100, y: 50 });
    expect(pointAt(b, 0)).toEqual({ x: 0, y: 0 });
    expect(pointAt(b, 1)).toEqual({ x: 100, y: 50 });
    expect(pointAt(b, 0.5)).toEqual({ x: 50, y: 25 });
  });
  it('gives each event type a stable colour', () => {
    expect(colourOfType('OrderPlaced')).toBe(colourOfType('OrderPlaced'));
    expect(colourOfType(undefined)).toBe('#94a3b8');
  });
});
