import { edgeBezier, pointAt, type Point } from '../run/edge-geometry';
import type { CanvasEdge, CanvasNode } from '../model/types';
import { boxOf, type Box } from './node-size';

// Horizontal run out of a handle before the first bend, and the clearance kept from other boxes.
const STUB = 24;
const CLEAR = 10;
const SAMPLES = 24;
// Past this many nodes, routing every edge on every drag frame costs more than it helps: curves only.
const MAX_ROUTED_NODES = 400;

const grow = (b: Box, m: number): Box => ({
  x: b.x - m,
  y: b.y - m,
  width: b.width + 2 * m,
  height: b.height + 2 * m,
});
const inside = (p: Point, b: Box) => p.x > b.x && p.x < b.x + b.width && p.y > b.y && p.y < b.y + b.height;

/** Whether an axis-aligned segment passes through a box. */
function segmentHits(a: Point, b: Point, box: Box): boolean {
  const x0 = Math.min(a.x, b.x);
  const x1 = Math.max(a.x, b.x);
  const y0 = Math.min(a.y, b.y);
  const y1 = Math.max(a.y, b.y);
  return x0 < box.x + box.width && x1 > box.x && y0 < box.y + box.height && y1 > box.y;
}

const pathHits = (pts: readonly Point[], obstacles: readonly Box[]) =>
  pts.some((p, i) => {
    const q = pts[i + 1];
    return q !== undefined && obstacles.some((o) => segmentHits(p, q, o));
  });

const lengthOf = (pts: readonly Point[]) =>
  pts.reduce((sum, p, i) => {
    const q = pts[i + 1];
    return q ? sum + Math.abs(q.x - p.x) + Math.abs(q.y - p.y) : sum;
  }, 0);

const boxesMeet = (a: Box, b: Box) =>
  a.x <= b.x + b.width && a.x + a.width >= b.x && a.y <= b.y + b.height && a.y + a.height >= b.y;

function hullOf(b: ReturnType<typeof edgeBezier>): Box {
  const xs = [b.p0.x, b.c1.x, b.c2.x, b.p3.x];
  const ys = [b.p0.y, b.c1.y, b.c2.y, b.p3.y];
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** Whether the default curve from `s` to `t` passes through any of the boxes. */
export function curveHits(s: Point, t: Point, obstacles: readonly Box[]): boolean {
  const b = edgeBezier(s, t);
  for (let i = 1; i < SAMPLES; i += 1) {
    const p = pointAt(b, i / SAMPLES);
    if (obstacles.some((o) => inside(p, o))) return true;
  }
  return false;
}

/**
 * An orthogonal route from the source's output (right, middle) to the target's input (left, middle) that
 * keeps clear of `obstacles`: one bend column between them, or out, along a free horizontal lane, and in.
 * The shortest clear candidate wins; null when none is clear (the caller keeps the curve).
 */
export function routeAround(src: Box, tgt: Box, obstacles: readonly Box[]): Point[] | null {
  const s = { x: src.x + src.width, y: src.y + src.height / 2 };
  const t = { x: tgt.x, y: tgt.y + tgt.height / 2 };
  const blocks = obstacles.map((o) => grow(o, CLEAR));
  const ends = [grow(src, CLEAR - 2), grow(tgt, CLEAR - 2)];
  const sx = s.x + STUB;
  const tx = t.x - STUB;
  const candidates: Point[][] = [];
  if (tx > sx) {
    const columns = [(sx + tx) / 2, sx, tx, ...blocks.flatMap((b) => [b.x - 1, b.x + b.width + 1])];
    for (const x of columns) if (x >= sx && x <= tx) candidates.push([s, { x, y: s.y }, { x, y: t.y }, t]);
  }
  const lanes = [src, tgt, ...obstacles].flatMap((b) => [b.y - CLEAR - 12, b.y + b.height + CLEAR + 12]);
  for (const y of lanes)
    candidates.push([s, { x: sx, y: s.y }, { x: sx, y }, { x: tx, y }, { x: tx, y: t.y }, t]);
  let best: Point[] | null = null;
  for (const c of candidates) {
    // The inner segments must also keep out of the edge's own two boxes (a lane through them is no lane).
    const inner = c.slice(1, -1);
    if (pathHits(c, blocks) || pathHits(inner, ends)) continue;
    if (!best || lengthOf(c) < lengthOf(best)) best = c;
  }
  return best;
}

/**
 * Routes for the edges whose default curve would pass under another node (or that run backwards, like the
 * edge from the end of one wrapped row to the start of the next), keyed by edge id. Other edges keep the
 * curve, which the run's moving dots also follow.
 */
export function routeEdges(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
): ReadonlyMap<string, Point[]> {
  const out = new Map<string, Point[]>();
  if (nodes.length > MAX_ROUTED_NODES) return out;
  const boxes = new Map(nodes.map((n) => [n.id, boxOf(n.type, n.position)]));
  const all = [...boxes.entries()];
  for (const e of edges) {
    const src = boxes.get(e.source);
    const tgt = boxes.get(e.target);
    if (!src || !tgt || e.source === e.target) continue;
    const s = { x: src.x + src.width, y: src.y + src.height / 2 };
    const t = { x: tgt.x, y: tgt.y + tgt.height / 2 };
    const backwards = t.x < s.x + 2 * STUB;
    // The curve lies inside its control points' box: only boxes meeting it can be hit (this runs every drag frame).
    const hull = hullOf(edgeBezier(s, t));
    const near = all
      .filter(([id, b]) => id !== e.source && id !== e.target && boxesMeet(b, hull))
      .map(([, b]) => b);
    if (!backwards && !curveHits(s, t, near)) continue;
    const others = all.filter(([id]) => id !== e.source && id !== e.target).map(([, b]) => b);
    const route = routeAround(src, tgt, others);
    if (route) out.set(e.id, route);
  }
  return out;
}

/** An SVG path through orthogonal points with rounded corners of radius `r` (clamped to half a segment). */
export function roundedPath(pts: readonly Point[], r = 8): string {
  const first = pts[0];
  if (!first) return '';
  const f = (v: number) => String(Math.round(v * 10) / 10);
  let d = `M${f(first.x)} ${f(first.y)}`;
  for (let i = 1; i < pts.length - 1; i += 1) {
    const p = pts[i - 1] as Point;
    const c = pts[i] as Point;
    const n = pts[i + 1] as Point;
    const rin = Math.min(r, Math.hypot(c.x - p.x, c.y - p.y) / 2, Math.hypot(n.x - c.x, n.y - c.y) / 2);
    const a = { x: c.x - Math.sign(c.x - p.x) * rin, y: c.y - Math.sign(c.y - p.y) * rin };
    const b = { x: c.x + Math.sign(n.x - c.x) * rin, y: c.y + Math.sign(n.y - c.y) * rin };
    d += `L${f(a.x)} ${f(a.y)}Q${f(c.x)} ${f(c.y)} ${f(b.x)} ${f(b.y)}`;
  }
  const last = pts[pts.length - 1] as Point;
  return `${d}L${f(last.x)} ${f(last.y)}`;
}

/** The middle of a route, for a label: the middle of its middle segment. */
export function routeMiddle(pts: readonly Point[]): Point {
  const i = Math.max(0, Math.floor((pts.length - 1) / 2));
  const a = pts[i] ?? { x: 0, y: 0 };
  const b = pts[i + 1] ?? a;
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}
