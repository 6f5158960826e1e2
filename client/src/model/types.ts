import type { Edge, Node } from '@xyflow/react';
import type { CallConfig, ConfigOf, EdgeRole, EventSchema, NodeKind, QueryConfig } from '@eventflow/shared';

/** What a canvas node carries: the document's label and config, nothing UI-only. */
export type NodeData<K extends NodeKind = NodeKind> = { label?: string; config: ConfigOf<K> } & Record<
  string,
  unknown
>;

export type CanvasNodeOf<K extends NodeKind> = Node<NodeData<K>, K>;
/** A React Flow node whose `type` is the flow node's kind. */
export type CanvasNode = { [K in NodeKind]: CanvasNodeOf<K> }[NodeKind];

/** A call (or query) edge's config as the document holds it (absent: every default). */
export type EdgeData = { role?: EdgeRole; call?: CallConfig; query?: QueryConfig };
export type CanvasEdge = Edge<EdgeData, 'flow'>;

/** Document fields that are not nodes or edges. */
export interface DocMeta {
  name: string;
  description?: string;
  seed?: number;
  /** The flow's event schemas by type and version (decision 0024). */
  schemas?: EventSchema[];
}
