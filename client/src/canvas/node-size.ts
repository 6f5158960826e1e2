import { NODE_KINDS, type NodeKind } from '@eventflow/shared';
import { kindMeta } from '../nodes/kind-meta';

/**
 * Every node's footprint in flow units (px at zoom 1). It is fixed, idle or running: live figures take the
 * body's place inside it, so a run never makes nodes grow into each other, and the layout, the drop placement
 * and the image export can all work from the same boxes without measuring the DOM. Each kind sets its own in
 * `nodes/<kind>/meta.ts`.
 */
export const NODE_SIZE = Object.fromEntries(NODE_KINDS.map((k) => [k, kindMeta[k].size])) as Readonly<
  Record<NodeKind, { width: number; height: number }>
>;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box a node of `kind` at `position` covers. */
export function boxOf(kind: NodeKind, position: { x: number; y: number }): Box {
  return { ...position, ...NODE_SIZE[kind] };
}

/** True when the two boxes share area (touching edges do not count), with `gap` of extra clearance. */
export function boxesIntersect(a: Box, b: Box, gap = 0): boolean {
  return (
    a.x < b.x + b.width + gap &&
    b.x < a.x + a.width + gap &&
    a.y < b.y + b.height + gap &&
    b.y < a.y + a.height + gap
  );
}

/** Every pair of boxes that intersect, as index pairs; empty when the layout is clean. */
export function overlappingPairs(boxes: readonly Box[], gap = 0): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < boxes.length; i += 1)
    for (let j = i + 1; j < boxes.length; j += 1) {
      const a = boxes[i];
      const b = boxes[j];
      if (a && b && boxesIntersect(a, b, gap)) out.push([i, j]);
    }
  return out;
}
