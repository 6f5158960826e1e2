import { describe, expect, it } from 'vitest';
import { boxesIntersect, overlappingPairs, type Box } from './node-size';
import { findFreeSpot } from './placement';

const size = { width: 208, height: 140 };
const at = (x: number, y: number): Box => ({ x, y, ...size });

describe('node placement', () => {
  it('keeps the wanted spot when it is free', () => {
    expect(findFreeSpot([at(0, 0)], { x: 600, y: 0 }, size)).toEqual({ x: 608, y: 0 });
  });

  it('moves a node dropped onto another to the nearest spot that overlaps nothing', () => {
    const taken = [at(0, 0), at(300, 0), at(0, 200)];
    const spot = findFreeSpot(taken, { x: 20, y: 10 }, size);
    const placed = { ...spot, ...size };
    expect(taken.some((b) => boxesIntersect(b, placed))).toBe(false);
    // Nearest: within one node's reach of where it was dropped, not thrown across the canvas.
    expect(Math.hypot(spot.x - 20, spot.y - 10)).toBeLessThan(400);
  });

  it('puts a node wanted on top of another beside it, to the right, where the flow reads on', () => {
    const spot = findFreeSpot([at(0, 0)], { x: 0, y: 0 }, size);
    expect(spot.y).toBe(0);
    expect(spot.x).toBeGreaterThanOrEqual(208);
  });

  it('finds room in a crowded grid of nodes, clear of all of them', () => {
    const taken: Box[] = [];
    for (let i = 0; i < 5; i += 1) for (let j = 0; j < 5; j += 1) taken.push(at(i * 240, j * 170));
    const spot = findFreeSpot(taken, { x: 480, y: 340 }, size);
    expect(overlappingPairs([...taken, { ...spot, ...size }])).toEqual([]);
  });

  it('counts only shared area as an overlap, not touching sides', () => {
    expect(boxesIntersect(at(0, 0), at(208, 0))).toBe(false);
    expect(boxesIntersect(at(0, 0), at(207, 0))).toBe(true);
    expect(boxesIntersect(at(0, 0), at(208, 0), 1)).toBe(true);
  });
});
