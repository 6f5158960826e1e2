import type { XYPosition } from '@xyflow/react';
import type { CanvasEdge, CanvasNode } from '../model/types';
import { NODE_SIZE } from './node-size';

type ElkLayout = InstanceType<typeof import('elkjs/lib/elk.bundled.js').default>['layout'];
type ElkGraph = Parameters<ElkLayout>[0];

// elkjs is large: load it on the first layout, not with the app.
let elk: Promise<{ layout: ElkLayout }> | null = null;
const getElk = () => (elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => new ELK()));

const GRID = 16;
// A laid-out flow wider than this many times its height is one long chain: it is wrapped into rows.
const WRAP_RATIO = 2.4;
const BASE = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  // Room between layers for the edges' bends, and between rows for an edge to run along the gap.
  'elk.layered.spacing.nodeNodeBetweenLayers': '88',
  'elk.spacing.nodeNode': '56',
  // A flow of two designs side by side is two components: as far apart as two rows of one.
  'elk.spacing.componentComponent': '56',
  'elk.layered.spacing.edgeNodeBetweenLayers': '28',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};
const WRAPPED = {
  ...BASE,
  'elk.layered.wrapping.strategy': 'MULTI_EDGE',
  'elk.aspectRatio': '1.7',
  'elk.layered.wrapping.additionalEdgeSpacing': '40',
};

/** Edges whose ends are both on the canvas: elkjs throws on a reference to a missing node. */
export function placeableEdges(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): CanvasEdge[] {
  const ids = new Set(nodes.map((n) => n.id));
  return edges.filter((e) => ids.has(e.source) && ids.has(e.target));
}

function graphOf(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  layoutOptions: Record<string, string>,
): ElkGraph {
  return {
    id: 'root',
    layoutOptions,
    // The real, fixed node boxes: elk keeps them apart by the spacing above, so nothing can overlap.
    children: nodes.map((n) => ({ id: n.id, ...NODE_SIZE[n.type] })),
    edges: placeableEdges(nodes, edges).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
}

/**
 * Layered left-to-right layout following the flow direction (producers left, consumers right), on the
 * fixed node sizes. A long chain (the saga) is wrapped into rows so it stays readable at a normal zoom.
 */
export async function layoutFlow(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
): Promise<Record<string, XYPosition>> {
  const engine = await getElk();
  let graph = await engine.layout(graphOf(nodes, edges, BASE));
  if ((graph.width ?? 0) > WRAP_RATIO * Math.max(1, graph.height ?? 0) && nodes.length > 4)
    graph = await engine.layout(graphOf(nodes, edges, WRAPPED));
  const out: Record<string, XYPosition> = {};
  // Positions land on the snap grid (elk spacing keeps them ≥ 56 px apart, so rounding cannot overlap them).
  for (const child of graph.children ?? [])
    out[child.id] = {
      x: Math.round((child.x ?? 0) / GRID) * GRID,
      y: Math.round((child.y ?? 0) / GRID) * GRID,
    };
  return out;
}
