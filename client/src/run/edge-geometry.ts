/** Geometry for dots and path glow, matching React Flow's default bezier for right → left handles. */
export interface Point {
  x: number;
  y: number;
}
export interface Bezier {
  p0: Point;
  c1: Point;
  c2: Point;
  p3: Point;
}

// Same control offset as @xyflow/system's getBezierPath (curvature 0.25) for Position.Right → Position.Left.
function controlOffset(distance: number, curvature = 0.25): number {
  return distance >= 0 ? 0.5 * distance : curvature * 25 * Math.sqrt(-distance);
}

export function edgeBezier(source: Point, target: Point): Bezier {
  const sx = controlOffset(target.x - source.x);
  const tx = controlOffset(target.x - source.x);
  return {
    p0: source,
    c1: { x: source.x + sx, y: source.y },
    c2: { x: target.x - tx, y: target.y },
    p3: target,
  };
}

/** How a dot travels an edge: React Flow's default curve, or the orthogonal route drawn around nodes. */
export type Track =
  { kind: 'curve'; curve: Bezier } | { kind: 'route'; points: readonly Point[]; length: number };

/** The track from the handle points; a route's inner bends come from the canvas's router, its ends from the handles. */
export function trackOf(source: Point, target: Point, route: readonly Point[] | undefined): Track {
  if (!route || route.length < 2) return { kind: 'curve', curve: edgeBezier(source, target) };
  const points = [source, ...route.slice(1, -1), target];
  let length = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    length += Math.hypot(b.x - a.x, b.y - a.y);
  }
  return { kind: 'route', points, length };
}

/** Point at fraction `u` in [0, 1] of a track: bezier parameter on a curve, share of the length on a route. */
export function trackPoint(track: Track, u: number): Point {
  if (track.kind === 'curve') return pointAt(track.curve, u);
  let left = Math.min(1, Math.max(0, u)) * track.length;
  const pts = track.points;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1] as Point;
    const b = pts[i] as Point;
    const seg = Math.hypot(b.x - a.x, b.y - a.y);
    if (left <= seg || i === pts.length - 1) {
      const k = seg === 0 ? 0 : Math.min(1, left / seg);
      return { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k };
    }
    left -= seg;
  }
  return pts[0] ?? { x: 0, y: 0 };
}

/** Point at parameter `u` in [0, 1]. */
export function pointAt(b: Bezier, u: number): Point {
  const v = 1 - u;
  const a = v * v * v;
  const c = 3 * v * v * u;
  const d = 3 * v * u * u;
  const e = u * u * u;
  return {
    x: a * b.p0.x + c * b.c1.x + d * b.c2.x + e * b.p3.x,
    y: a * b.p0.y + c * b.c1.y + d * b.c2.y + e * b.p3.y,
  };
}

const PALETTE = [
  '#2563eb',
  '#16a34a',
  '#db2777',
  '#0891b2',
  '#7c3aed',
  '#ea580c',
  '#65a30d',
  '#0d9488',
  '#c026d3',
  '#ca8a04',
];

/** A stable colour per event type (FNV-1a hash into a palette), so each type keeps its colour across runs. */
export function colourOfType(type: string | undefined): string {
  if (!type) return '#94a3b8';
  let h = 0x811c9dc5;
  for (let i = 0; i < type.length; i++) {
    h ^= type.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return PALETTE[h % PALETTE.length] ?? '#94a3b8';
}

/**
 * How many of `incoming` moving hops to animate so no more than `budget` dots are alive: every k-th one.
 * Counters stay exact elsewhere; this only thins the animation.
 */
export function sampleStride(incoming: number, alive: number, budget: number): number {
  const room = Math.max(0, budget - alive);
  if (incoming <= room) return 1;
  if (room === 0) return Number.POSITIVE_INFINITY;
  return Math.ceil(incoming / room);
}
