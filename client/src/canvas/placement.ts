import { boxesIntersect, type Box } from './node-size';

const GRID = 16;
// Clearance kept around a placed node, so its edges have room to run between boxes.
const CLEARANCE = 32;
const snap = (v: number) => Math.round(v / GRID) * GRID;

/**
 * The free spot nearest to `wanted` for a box of `size`: candidates on rings of growing radius around the
 * wanted point, nearest first, so a node dropped onto others lands beside them instead of on top, and a
 * node added at the centre of the view stays as close to it as the flow allows.
 */
export function findFreeSpot(
  taken: readonly Box[],
  wanted: { x: number; y: number },
  size: { width: number; height: number },
): { x: number; y: number } {
  const fits = (x: number, y: number) => !taken.some((b) => boxesIntersect({ x, y, ...size }, b, CLEARANCE));
  const start = { x: snap(wanted.x), y: snap(wanted.y) };
  if (fits(start.x, start.y)) return start;
  // Steps on the grid, so candidates left and right of the wanted spot are equally far.
  const stepX = Math.max(GRID, snap(size.width / 2));
  const stepY = Math.max(GRID, snap(size.height / 2));
  for (let ring = 1; ring <= 40; ring += 1) {
    const candidates: { x: number; y: number; d: number }[] = [];
    for (let i = -ring; i <= ring; i += 1)
      for (let j = -ring; j <= ring; j += 1) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        const x = start.x + i * stepX;
        const y = start.y + j * stepY;
        // Sideways is cheaper than up or down: a flow reads left to right, so the next node goes beside.
        candidates.push({ x, y, d: Math.hypot(x - start.x, 2 * (y - start.y)) });
      }
    // Ties go rightwards then downwards: the direction a flow reads.
    candidates.sort((a, b) => a.d - b.d || b.x - a.x || b.y - a.y);
    const hit = candidates.find((c) => fits(c.x, c.y));
    if (hit) return { x: hit.x, y: hit.y };
  }
  return start;
}
