import { FLOW_FORMAT, FLOW_VERSION, type FlowDoc, type FlowEdge, type FlowNode } from '@eventflow/shared';
import type { CanvasEdge, CanvasNode, DocMeta } from './types';

/** Where a node without a stored position lands: a simple grid, so an imported flow is never stacked. */
export function fallbackPosition(index: number): { x: number; y: number } {
  return { x: (index % 6) * 240, y: Math.floor(index / 6) * 160 };
}

function toDocNode(node: CanvasNode): FlowNode {
  const out = {
    id: node.id,
    kind: node.type,
    ...(node.data.label !== undefined ? { label: node.data.label } : {}),
    position: { x: node.position.x, y: node.position.y },
    config: node.data.config,
  };
  // Built field by field from one canvas node, so kind and config agree; TS cannot correlate the union.
  return out as FlowNode;
}

function toDocEdge(edge: CanvasEdge): FlowEdge {
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    ...(edge.data?.role !== undefined ? { role: edge.data.role } : {}),
    ...(edge.data?.call !== undefined ? { call: edge.data.call } : {}),
    ...(edge.data?.query !== undefined ? { query: edge.data.query } : {}),
    ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
  };
}

/** React Flow state → flow format v1. UI-only fields (`selected`, `measured`, `dragging`…) are dropped. */
export function toFlowDoc(
  meta: DocMeta,
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
): FlowDoc {
  return {
    format: FLOW_FORMAT,
    version: FLOW_VERSION,
    name: meta.name,
    ...(meta.description !== undefined ? { description: meta.description } : {}),
    ...(meta.seed !== undefined ? { seed: meta.seed } : {}),
    ...(meta.schemas !== undefined ? { schemas: meta.schemas } : {}),
    nodes: nodes.map(toDocNode),
    edges: edges.map(toDocEdge),
  };
}

export function toCanvasNode(node: FlowNode, index: number): CanvasNode {
  const position = node.position ? { x: node.position.x, y: node.position.y } : fallbackPosition(index);
  const data =
    node.label !== undefined ? { label: node.label, config: node.config } : { config: node.config };
  return {
    id: node.id,
    type: node.kind,
    position,
    data,
    ariaLabel: node.label ?? node.id,
  } as CanvasNode; // kind and config come from the same FlowNode, so they agree
}

const EDGE_NAMES = {
  normal: 'Edge',
  'dead-letter': 'Dead-letter edge',
  call: 'Service call',
  query: 'Query',
} as const;
const EDGE_COLORS = {
  normal: '#94a3b8',
  'dead-letter': '#ef4444',
  call: '#6366f1',
  query: '#0d9488',
} as const;

export function toCanvasEdge(edge: FlowEdge): CanvasEdge {
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    ...(edge.sourceHandle !== undefined ? { sourceHandle: edge.sourceHandle } : {}),
    type: 'flow',
    data: {
      ...(edge.role !== undefined ? { role: edge.role } : {}),
      ...(edge.call !== undefined ? { call: edge.call } : {}),
      ...(edge.query !== undefined ? { query: edge.query } : {}),
    },
    markerEnd: {
      type: 'arrowclosed', // MarkerType.ArrowClosed, without a runtime import of React Flow
      width: 18,
      height: 18,
      color: EDGE_COLORS[edge.role ?? 'normal'],
    },
    ariaLabel: `${EDGE_NAMES[edge.role ?? 'normal']} from ${edge.source} to ${edge.target}`,
  };
}

/** Flow format v1 → React Flow state. Nodes without a position get a grid slot (see `fallbackPosition`). */
export function fromFlowDoc(doc: FlowDoc): { meta: DocMeta; nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const meta: DocMeta = { name: doc.name };
  if (doc.description !== undefined) meta.description = doc.description;
  if (doc.seed !== undefined) meta.seed = doc.seed;
  if (doc.schemas !== undefined) meta.schemas = doc.schemas;
  return { meta, nodes: doc.nodes.map(toCanvasNode), edges: doc.edges.map(toCanvasEdge) };
}

export const EMPTY_DOC: FlowDoc = {
  format: FLOW_FORMAT,
  version: FLOW_VERSION,
  name: 'Untitled flow',
  nodes: [],
  edges: [],
};
