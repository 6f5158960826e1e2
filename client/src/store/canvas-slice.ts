import type { Connection, EdgeChange, NodeChange, XYPosition } from '@xyflow/react';
import {
  configSchemas,
  sharedKinds,
  starterConfig,
  type CallConfig,
  type ConfigOf,
  type EdgeRole,
  type EventSchema,
  type FlowDoc,
  type NodeKind,
  type QueryConfig,
} from '@eventflow/shared';
import type { StateCreator } from 'zustand/vanilla';
import { checkConnection, drawnRole } from '../model/connection-rules';
import { toCanvasEdge, toCanvasNode, toFlowDoc } from '../model/flow-doc';
import type { CanvasEdge, CanvasNode, DocMeta } from '../model/types';
import { edgeIdFor, nextNumbered, uniqueId } from './ids';
import type { AppState } from './store';
import { applyEdgeChanges, applyNodeChanges } from '../model/canvas-changes';

export interface CanvasSlice {
  meta: DocMeta;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  onNodesChange: (changes: NodeChange<CanvasNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<CanvasEdge>[]) => void;
  /** Adds the edge if the flow rules allow it; returns the refusal reason otherwise. */
  onConnect: (connection: Connection) => string | null;
  addNode: (kind: NodeKind, at: XYPosition) => string;
  updateConfig: <K extends NodeKind>(id: string, config: ConfigOf<K>, field: string) => void;
  updateLabel: (id: string, label: string) => void;
  setEdgeRole: (id: string, role: EdgeRole) => string | null;
  /** Sets a call edge's latency, timeout and failure rate (validated by the flow's problems, like a config). */
  updateEdgeCall: (id: string, call: CallConfig) => void;
  /** Sets a query edge's key expression (validated by the flow's problems). */
  updateEdgeQuery: (id: string, query: QueryConfig) => void;
  setName: (name: string) => void;
  setDescription: (description: string) => void;
  /** Replaces the schemas of `eventType` (its registry entry); undefined removes them. */
  setEventSchema: (eventType: string, entry: EventSchema | undefined) => void;
  deleteSelection: () => void;
  selectOnly: (ids: { nodes?: string[]; edges?: string[] }) => void;
  selectAll: () => void;
  /** Adds a copy of `doc`'s nodes and inner edges, renaming ids that collide; the copies become the selection. */
  pasteDoc: (doc: FlowDoc, offset: XYPosition) => void;
  duplicateSelection: () => void;
  selectionAsDoc: () => FlowDoc | null;
  /** `key` merges the move into the undo step with that key (the layout of a freshly loaded document). */
  applyPositions: (positions: Record<string, XYPosition>, key?: string) => void;
}

// A drag in progress moves nodes on every frame; only its end is an edit worth an undo step.
const isEdit = (c: NodeChange<CanvasNode>) =>
  c.type === 'add' ||
  c.type === 'remove' ||
  c.type === 'replace' ||
  (c.type === 'position' && c.dragging === false);

export const createCanvasSlice: StateCreator<AppState, [], [], CanvasSlice> = (set, get) => ({
  meta: { name: 'Untitled flow' },
  nodes: [],
  edges: [],

  onNodesChange: (changes) => {
    set({ nodes: applyNodeChanges(changes, get().nodes) });
    if (changes.some(isEdit)) get().commit();
  },
  onEdgesChange: (changes) => {
    set({ edges: applyEdgeChanges(changes, get().edges) });
    if (changes.some((c) => c.type !== 'select')) get().commit();
  },
  onConnect: (connection) => {
    const { nodes, edges } = get();
    const check = checkConnection(nodes, edges, connection);
    if (!check.ok) return check.reason;
    const id = edgeIdFor(connection.source, connection.target, new Set(edges.map((e) => e.id)));
    const handle = connection.sourceHandle ? { sourceHandle: connection.sourceHandle } : {};
    const drawn = drawnRole(nodes, connection);
    const role = drawn === 'normal' ? {} : { role: drawn };
    set({
      edges: [
        ...edges,
        toCanvasEdge({ id, source: connection.source, target: connection.target, ...handle, ...role }),
      ],
    });
    get().commit();
    return null;
  },

  addNode: (kind, at) => {
    const { nodes } = get();
    const taken = new Set(nodes.map((n) => n.id));
    const n = nextNumbered(kind, taken);
    const node = toCanvasNode(
      {
        id: `${kind}-${n}`,
        kind,
        label: `${sharedKinds[kind].title} ${n}`,
        position: at,
        config: starterConfig(kind),
      } as Parameters<typeof toCanvasNode>[0],
      nodes.length,
    );
    set({
      nodes: [...nodes.map((x) => (x.selected ? { ...x, selected: false } : x)), { ...node, selected: true }],
      edges: get().edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
    });
    get().commit();
    return node.id;
  },

  updateConfig: (id, config, field) => {
    const node = get().nodes.find((n) => n.id === id);
    if (!node) return;
    // A valid config is stored as the schema outputs it (schema key order), so an export is byte-stable
    // across import; an invalid one is kept as typed until the user fixes it.
    const parsed = configSchemas[node.type].safeParse(config);
    const next = parsed.success ? parsed.data : config;
    set({
      nodes: get().nodes.map((n) =>
        n.id === id ? ({ ...n, data: { ...n.data, config: next } } as CanvasNode) : n,
      ),
    });
    get().commit(`config:${id}:${field}`);
  },
  updateLabel: (id, label) => {
    set({
      nodes: get().nodes.map((n) =>
        n.id === id ? ({ ...n, ariaLabel: label || n.id, data: { ...n.data, label } } as CanvasNode) : n,
      ),
    });
    get().commit(`label:${id}`);
  },
  setEdgeRole: (id, role) => {
    const { nodes, edges } = get();
    const edge = edges.find((e) => e.id === id);
    if (!edge) return 'no such edge';
    const check = checkConnection(nodes, edges, edge, role, id);
    if (!check.ok) return check.reason;
    const next = toCanvasEdge({
      id,
      source: edge.source,
      target: edge.target,
      ...(role === 'normal' ? {} : { role }),
      ...(role === 'call' && edge.data?.call ? { call: edge.data.call } : {}),
      ...(role === 'query' && edge.data?.query ? { query: edge.data.query } : {}),
    });
    set({ edges: edges.map((e) => (e.id === id ? { ...next, selected: e.selected ?? false } : e)) });
    get().commit();
    return null;
  },
  updateEdgeCall: (id, call) => {
    set({
      edges: get().edges.map((e) =>
        e.id === id && e.data?.role === 'call' ? { ...e, data: { ...e.data, call } } : e,
      ),
    });
    get().commit(`call:${id}`);
  },
  updateEdgeQuery: (id, query) => {
    set({
      edges: get().edges.map((e) =>
        e.id === id && e.data?.role === 'query' ? { ...e, data: { ...e.data, query } } : e,
      ),
    });
    get().commit(`query:${id}`);
  },
  setName: (name) => {
    set({ meta: { ...get().meta, name } });
    get().commit('name');
  },
  setDescription: (description) => {
    const { description: _old, ...rest } = get().meta;
    set({ meta: description ? { ...rest, description } : rest });
    get().commit('description');
  },
  setEventSchema: (eventType, entry) => {
    const { schemas: old = [], ...rest } = get().meta;
    const at = old.findIndex((e) => e.eventType === eventType);
    const next = entry
      ? at >= 0
        ? old.map((e, i) => (i === at ? entry : e))
        : [...old, entry]
      : old.filter((e) => e.eventType !== eventType);
    set({ meta: next.length ? { ...rest, schemas: next } : rest });
    get().commit(`schemas.${eventType}`);
  },

  deleteSelection: () => {
    const { nodes, edges } = get();
    const gone = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
    const keptEdges = edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
    if (gone.size === 0 && keptEdges.length === edges.length) return;
    set({ nodes: nodes.filter((n) => !gone.has(n.id)), edges: keptEdges });
    get().commit();
  },
  selectOnly: ({ nodes: nodeIds = [], edges: edgeIds = [] }) => {
    const ns = new Set(nodeIds);
    const es = new Set(edgeIds);
    set({
      nodes: get().nodes.map((n) =>
        Boolean(n.selected) === ns.has(n.id) ? n : { ...n, selected: ns.has(n.id) },
      ),
      edges: get().edges.map((e) =>
        Boolean(e.selected) === es.has(e.id) ? e : { ...e, selected: es.has(e.id) },
      ),
    });
  },
  selectAll: () =>
    get().selectOnly({ nodes: get().nodes.map((n) => n.id), edges: get().edges.map((e) => e.id) }),

  pasteDoc: (doc, offset) => {
    const { nodes, edges } = get();
    const taken = new Set(nodes.map((n) => n.id));
    const rename = new Map<string, string>();
    const added = doc.nodes.map((node, i) => {
      const id = uniqueId(node.id, taken);
      taken.add(id);
      rename.set(node.id, id);
      const position = node.position ?? { x: i * 40, y: i * 40 };
      // A renamed copy also gets a distinct label, so every node keeps a unique accessible name.
      const label = id !== node.id && node.label ? `${node.label} copy` : node.label;
      return {
        ...toCanvasNode(
          {
            ...node,
            id,
            ...(label !== undefined ? { label } : {}),
            position: { x: position.x + offset.x, y: position.y + offset.y },
          },
          nodes.length + i,
        ),
        selected: true,
      };
    });
    const edgeIds = new Set(edges.map((e) => e.id));
    const addedEdges: CanvasEdge[] = [];
    for (const edge of doc.edges) {
      const source = rename.get(edge.source);
      const target = rename.get(edge.target);
      if (!source || !target) continue;
      const id = uniqueId(edge.id, edgeIds);
      edgeIds.add(id);
      addedEdges.push(toCanvasEdge({ ...edge, id, source, target }));
    }
    set({
      nodes: [...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...added],
      edges: [...edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...addedEdges],
    });
    get().commit();
  },
  duplicateSelection: () => {
    const doc = get().selectionAsDoc();
    if (doc) get().pasteDoc(doc, { x: 40, y: 40 });
  },
  selectionAsDoc: () => {
    const { nodes, edges, meta } = get();
    const picked = nodes.filter((n) => n.selected);
    if (picked.length === 0) return null;
    const ids = new Set(picked.map((n) => n.id));
    return toFlowDoc(
      meta,
      picked,
      edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    );
  },

  applyPositions: (positions, key) => {
    set({
      nodes: get().nodes.map((n) =>
        positions[n.id] ? { ...n, position: positions[n.id] } : n,
      ) as CanvasNode[],
    });
    get().commit(key);
  },
});
