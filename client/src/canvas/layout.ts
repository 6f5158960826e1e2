import type { XYPosition } from '@xyflow/react';
import type { CanvasEdge, CanvasNode } from '../model/types';

// elkjs is large: load it on the first layout, not with the app.
let elk: Promise<{
  layout: InstanceType<typeof import('elkjs/lib/elk.bundled.js').default>['layout'];
}> | null = null;
const getElk = () => (elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => new ELK()));

const DEFAULT_SIZE = { width: 200, height: 90 };

/** Edges whose ends are both on the canvas: elkjs throws on a reference to a missing node. */
export function placeableEdges(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): CanvasEdge[] {
  const ids = new Set(nodes.map((n) => n.id));
  return edges.filter((e) => ids.has(e.source) && ids.has(e.target));
}

/** Layered left-to-right layout following the flow direction (producers left, consumers right). */
export async function layoutFlow(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
): Promise<Record<string, XYPosition>> {
  const graph = await (
    await getElk()
  ).layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: nodes.map((n) => ({
      id: n.id,
      width: n.measured?.width ?? DEFAULT_SIZE.width,
      height: n.measured?.height ?? DEFAULT_SIZE.height,
    })),
    edges: placeableEdges(nodes, edges).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const out: Record<string, XYPosition> = {};
  for (const child of graph.children ?? [])
    out[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  return out;
}
