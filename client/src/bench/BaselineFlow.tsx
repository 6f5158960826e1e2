import { FlowDoc } from '@eventflow/shared';
import { Background, BackgroundVariant, ReactFlow, type Edge, type Node } from '@xyflow/react';
import { useMemo } from 'react';

/** Where the benchmark puts the flow (an init script), and the view and size to copy from Eventflow's canvas. */
declare global {
  interface Window {
    __eventflowBenchFlow?: unknown;
  }
}

function viewFromQuery(q: URLSearchParams) {
  const num = (name: string, fallback: number) => {
    const v = Number(q.get(name));
    return Number.isFinite(v) && q.has(name) ? v : fallback;
  };
  return {
    viewport: { x: num('x', 0), y: num('y', 0), zoom: num('zoom', 1) },
    size: { width: num('w', window.innerWidth), height: num('h', window.innerHeight) },
  };
}

/**
 * The large-flow benchmark's yardstick: the same nodes and edges as React Flow's stock `default` nodes and edges,
 * nothing of Eventflow's around them, in a box of the canvas's size at the canvas's view. Reached only through
 * `?bench=baseline`; the product never links to it.
 */
export function BaselineFlow() {
  const { viewport, size } = useMemo(() => viewFromQuery(new URLSearchParams(window.location.search)), []);
  const parsed = useMemo(() => FlowDoc.safeParse(window.__eventflowBenchFlow), []);
  const graph = useMemo(() => {
    if (!parsed.success) return undefined;
    const nodes: Node[] = parsed.data.nodes.map((n) => ({
      id: n.id,
      // A node without a position is laid out by the designer; the benchmark's flow always has them.
      position: n.position ?? { x: 0, y: 0 },
      data: { label: n.label ?? n.id },
    }));
    const edges: Edge[] = parsed.data.edges.map((e) => ({ id: e.id, source: e.source, target: e.target }));
    return { nodes, edges };
  }, [parsed]);
  if (!graph)
    return (
      <p role="alert">
        No benchmark flow: {parsed.error?.issues[0]?.message ?? 'window.__eventflowBenchFlow'}
      </p>
    );
  return (
    <div style={{ ...size, position: 'absolute', left: 0, top: 0 }} data-testid="bench.baseline">
      <ReactFlow
        defaultNodes={graph.nodes}
        defaultEdges={graph.edges}
        defaultViewport={viewport}
        aria-label="Baseline canvas"
      >
        {/* The same dotted grid as the designer's canvas, so the ratio compares nodes and edges only. */}
        <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} />
      </ReactFlow>
    </div>
  );
}
