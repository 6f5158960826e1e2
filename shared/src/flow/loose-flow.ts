import { isNodeKind, type NodeKind } from './schema.js';

/** A node as far as it could be read, even from a document that failed the schema. */
export interface LooseNode {
  index: number;
  id: string;
  kind: NodeKind;
  config: Record<string, unknown>;
}
export interface LooseEdge {
  index: number;
  id: string;
  source: string;
  target: string;
  role: 'normal' | 'dead-letter' | 'call' | 'query';
  /** A query edge's key expression, when it names one. */
  queryKey?: unknown;
  sourceHandle?: string;
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Reads whatever nodes and edges are usable, so graph and expression rules can report their problems
 * alongside schema problems instead of waiting for the next attempt.
 */
export function readLoose(doc: Record<string, unknown>): { nodes: LooseNode[]; edges: LooseEdge[] } {
  const nodes: LooseNode[] = [];
  const edges: LooseEdge[] = [];
  const rawNodes = Array.isArray(doc.nodes) ? (doc.nodes as unknown[]) : [];
  const rawEdges = Array.isArray(doc.edges) ? (doc.edges as unknown[]) : [];
  rawNodes.forEach((n, index) => {
    if (!isObject(n) || typeof n.id !== 'string' || !isNodeKind(n.kind)) return;
    nodes.push({ index, id: n.id, kind: n.kind, config: isObject(n.config) ? n.config : {} });
  });
  rawEdges.forEach((e, index) => {
    if (!isObject(e) || typeof e.source !== 'string' || typeof e.target !== 'string') return;
    const role = e.role === 'dead-letter' || e.role === 'call' || e.role === 'query' ? e.role : 'normal';
    const queryKey = isObject(e.query) ? e.query.key : undefined;
    const sourceHandle = typeof e.sourceHandle === 'string' ? e.sourceHandle : undefined;
    edges.push({
      index,
      id: typeof e.id === 'string' ? e.id : '',
      source: e.source,
      target: e.target,
      role,
      ...(sourceHandle === undefined ? {} : { sourceHandle }),
      ...(queryKey === undefined ? {} : { queryKey }),
    });
  });
  return { nodes, edges };
}
