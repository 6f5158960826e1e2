import { Position, type NodeHandle } from '@xyflow/react';
import type { CanvasNode } from '../model/types';
import { kindMeta } from '../nodes/kind-meta';
import { routeHandles } from '../nodes/router/handles';
import { NODE_SIZE } from './node-size';

// The node root has a 1 px border; a handle (12 px) is centred on the inner edge of it, as the CSS places it.
const BORDER = 1;
const HANDLE = 12;

/**
 * Where React Flow would measure each handle of `node`, relative to the node's box: the same numbers its
 * `getHandleBounds` reads from the DOM once the node is mounted (e2e/specs/canvas-geometry.spec.ts holds them
 * equal for every kind).
 */
export function handlesOf(node: CanvasNode): NodeHandle[] {
  const { width, height } = NODE_SIZE[node.type];
  const ports = kindMeta[node.type].ports;
  const middle = BORDER + (height - 2 * BORDER) / 2 - HANDLE / 2;
  const out: NodeHandle[] = [];
  if (ports.inputs)
    out.push({ type: 'target', position: Position.Left, x: BORDER - HANDLE / 2, y: middle, id: null });
  if (ports.outputs)
    out.push({
      type: 'source',
      position: Position.Right,
      x: width - BORDER - HANDLE / 2,
      y: middle,
      id: null,
    });
  if (node.type === 'router')
    for (const h of routeHandles(node.data.config))
      out.push({
        type: 'source',
        position: Position.Right,
        x: width - BORDER,
        y: BORDER + (height - 2 * BORDER) * h.top - HANDLE / 2,
        id: h.id,
      });
  return out.map((h) => ({ ...h, width: HANDLE, height: HANDLE }));
}

const seeded = new WeakMap<CanvasNode, CanvasNode>();

/**
 * `node` with its size and handles filled in, for React Flow. A node React Flow has not measured yet counts as
 * visible, so a large flow would mount every node on its first render (1,000 nodes: 24,000 elements, most of
 * the time to open) only to drop all but the few on screen. Node boxes are fixed (node-size.ts), so the
 * geometry is known without the DOM. The same store node gives the same object back: React Flow re-reads a
 * node only when its object changes.
 */
export function withGeometry(node: CanvasNode): CanvasNode {
  if (node.measured?.width !== undefined) return node;
  let out = seeded.get(node);
  if (!out) {
    out = { ...node, measured: NODE_SIZE[node.type], handles: handlesOf(node) };
    seeded.set(node, out);
  }
  return out;
}
