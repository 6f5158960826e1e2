import {
  getBezierPath,
  Position,
  useStore,
  useStoreApi,
  ViewportPortal,
  type InternalNode,
  type ReactFlowState,
} from '@xyflow/react';
import { useContext, useMemo } from 'react';
import { useAppStore } from '../app/use-app-store';
import type { CanvasEdge, CanvasNode } from '../model/types';
import { roundedPath } from './edge-route';
import { EdgeRoutesContext } from './edge-routes-context';
import { NODE_SIZE } from './node-size';

type Point = { x: number; y: number };

/** Where an edge leaves or enters a node: the named handle when React Flow has measured it, else the side's middle. */
function endOf(
  n: InternalNode<CanvasNode>,
  side: 'source' | 'target',
  handle: string | null | undefined,
): Point {
  const pos = n.internals.positionAbsolute;
  const bounds = n.internals.handleBounds?.[side];
  const h = (handle ? bounds?.find((b) => b.id === handle) : undefined) ?? bounds?.[0];
  if (h) return { x: pos.x + h.x + h.width / 2, y: pos.y + h.y + h.height / 2 };
  const size = NODE_SIZE[n.type ?? 'producer'];
  return { x: pos.x + (side === 'source' ? size.width : 0), y: pos.y + size.height / 2 };
}

const selectRfNodes = (s: ReactFlowState) => s.nodes;

/** The classes FlowEdge would give the edge, so the same CSS strokes it. */
function classOf(e: CanvasEdge, severity: string | undefined): string {
  if (e.selected) return 'is-selected';
  if (severity) return `has-${severity}`;
  if (e.data?.role === 'dead-letter') return 'is-dlq';
  if (e.data?.role === 'call') return 'is-call';
  return '';
}

/**
 * A large flow's edges zoomed far out: one SVG path per look (plain, dead-letter, call, with a problem,
 * selected) instead of an SVG element per edge, the same curves and routes as FlowEdge. React Flow's own edges
 * are hidden meanwhile (FlowCanvas): hundreds of edge elements were most of the paint chunks Chromium merges
 * into layers on every frame of a pan. No arrowheads (a few pixels at this zoom) and no edge picking here; both
 * come back with React Flow's edges when the user zooms in.
 */
export function FarEdges({ edges }: { edges: readonly CanvasEdge[] }) {
  const rf = useStoreApi<CanvasNode, CanvasEdge>();
  // React Flow's own node list changes once its lookup holds the new positions and measured handles (the
  // designer's store changes a render earlier, and would draw the edges one drag step behind).
  const nodes = useStore(selectRfNodes);
  const byEdge = useAppStore((s) => s.validation.byEdge);
  const routes = useContext(EdgeRoutesContext);
  const groups = useMemo(() => {
    void nodes;
    const lookup = rf.getState().nodeLookup;
    const paths = new Map<string, string[]>();
    for (const e of edges) {
      const s = lookup.get(e.source);
      const t = lookup.get(e.target);
      if (!s || !t) continue;
      const from = endOf(s, 'source', e.sourceHandle);
      const to = endOf(t, 'target', e.targetHandle);
      const route = routes.get(e.id);
      const d = route
        ? roundedPath([from, ...route.slice(1, -1), to])
        : getBezierPath({
            sourceX: from.x,
            sourceY: from.y,
            targetX: to.x,
            targetY: to.y,
            sourcePosition: Position.Right,
            targetPosition: Position.Left,
          })[0];
      const cls = classOf(e, byEdge[e.id]);
      const list = paths.get(cls);
      if (list) list.push(d);
      else paths.set(cls, [d]);
    }
    return [...paths];
  }, [edges, nodes, byEdge, routes, rf]);
  return (
    <ViewportPortal>
      <svg className="ef-far-edges" aria-hidden data-testid="canvas.far-edges">
        {groups.map(([cls, ds]) => (
          <path key={cls} className={`react-flow__edge-path ef-edge ${cls}`} d={ds.join(' ')} fill="none" />
        ))}
      </svg>
    </ViewportPortal>
  );
}
