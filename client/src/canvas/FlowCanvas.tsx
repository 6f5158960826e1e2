import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type FinalConnectionState,
} from '@xyflow/react';
import { NODE_KINDS, type NodeKind } from '@eventflow/shared';
import { useCallback, useEffect, type DragEvent } from 'react';
import { useSession } from '../app/use-session';
import { rfNodeTypes } from '../nodes/registry';
import { selectEdges, selectHasNodes, selectNodes } from '../store/selectors';
import { useAppStore, useAppStoreApi } from '../app/use-app-store';
import { ConnectionHint } from './ConnectionHint';
import { DotsOverlay } from '../run/DotsOverlay';
import { BreakpointBanner } from '../run/BreakpointBanner';
import { checkConnection } from '../model/connection-rules';
import { EmptyState } from './EmptyState';
import { rfEdgeTypes } from './FlowEdge';
import type { CanvasEdge, CanvasNode } from '../model/types';

/** The drag payload type the palette sets; anything else dropped here is treated as a file. */
export const PALETTE_MIME = 'application/x-eventflow-kind';

const KIND_COLOURS: Record<NodeKind, string> = {
  producer: '#16a34a',
  topic: '#7c3aed',
  filter: '#d97706',
  consumer: '#2563eb',
};
const minimapColour = (n: CanvasNode) => KIND_COLOURS[n.type];
const isKind = (x: string): x is NodeKind => (NODE_KINDS as readonly string[]).includes(x);
const SNAP: [number, number] = [16, 16];
const FIT = { padding: 0.2, maxZoom: 1.25 };

const SLOT = { width: 256, height: 150 };

/** The first spot from `start` rightwards (then downwards) that no node covers, so clicks never stack nodes. */
export function freeSpot(
  nodes: readonly CanvasNode[],
  start: { x: number; y: number },
): { x: number; y: number } {
  const taken = (x: number, y: number) =>
    nodes.some(
      (n) => Math.abs(n.position.x - x) < SLOT.width - 16 && Math.abs(n.position.y - y) < SLOT.height - 16,
    );
  for (let row = 0; row < 20; row += 1) {
    for (let col = 0; col < 6; col += 1) {
      const x = Math.round((start.x + col * SLOT.width) / 16) * 16;
      const y = Math.round((start.y + row * SLOT.height) / 16) * 16;
      if (!taken(x, y)) return { x, y };
    }
  }
  return { x: Math.round(start.x), y: Math.round(start.y) };
}

export function useAddAtCentre() {
  const rf = useReactFlow();
  const store = useAppStoreApi();
  return useCallback(
    (kind: NodeKind) => {
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
      const centre = pane
        ? rf.screenToFlowPosition({ x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 })
        : { x: 0, y: 0 };
      const at = freeSpot(store.getState().nodes, { x: centre.x - 104, y: centre.y - 50 });
      store.getState().addNode(kind, at);
      if (pane) {
        const bottomRight = rf.screenToFlowPosition({ x: pane.right, y: pane.bottom });
        // Keep the new node on screen: once a row runs off the view, reframe everything.
        if (at.x + SLOT.width > bottomRight.x || at.y + SLOT.height > bottomRight.y) {
          window.requestAnimationFrame(() =>
            window.requestAnimationFrame(() => void rf.fitView({ padding: 0.15, maxZoom: 1 })),
          );
        }
      }
    },
    [rf, store],
  );
}

export function FlowCanvas() {
  const store = useAppStoreApi();
  const actions = useSession();
  const rf = useReactFlow();
  const nodes = useAppStore(selectNodes);
  const edges = useAppStore(selectEdges);
  const hasNodes = useAppStore(selectHasNodes);
  const onNodesChange = useAppStore((s) => s.onNodesChange);
  const onEdgesChange = useAppStore((s) => s.onEdgesChange);
  const onConnect = useAppStore((s) => s.onConnect);
  const theme = useAppStore((s) => s.theme);
  const snap = useAppStore((s) => s.snapToGrid);
  const addAtCentre = useAddAtCentre();
  const docEpoch = useAppStore((s) => s.docEpoch);
  useEffect(() => {
    // Frame a freshly loaded document once React Flow has measured its nodes (two frames later). Never
    // on an empty canvas: React Flow would queue the fit and jump to the first node the user adds.
    if (store.getState().nodes.length === 0) return;
    let inner = 0;
    const outer = window.requestAnimationFrame(() => {
      inner = window.requestAnimationFrame(() => void rf.fitView(FIT));
    });
    return () => {
      window.cancelAnimationFrame(outer);
      window.cancelAnimationFrame(inner);
    };
  }, [docEpoch, rf, store]);

  const isValidConnection = useCallback(
    (c: Connection | Edge) => checkConnection(store.getState().nodes, store.getState().edges, c).ok,
    [store],
  );
  const onConnectEnd = useCallback(
    (_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid !== false || !state.toNode || !state.fromNode) return;
      const fromSource = state.fromHandle?.type !== 'target';
      const attempt = fromSource
        ? { source: state.fromNode.id, target: state.toNode.id }
        : { source: state.toNode.id, target: state.fromNode.id };
      const check = checkConnection(store.getState().nodes, store.getState().edges, attempt);
      if (!check.ok) store.getState().notify(`Not connected: ${check.reason}`, 'error');
    },
    [store],
  );
  const onDragOver = useCallback((e: DragEvent) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = e.dataTransfer.types.includes(PALETTE_MIME) ? 'move' : 'copy';
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault();
      const kind = e.dataTransfer.getData(PALETTE_MIME);
      if (isKind(kind)) {
        const at = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
        store.getState().addNode(kind, { x: Math.round(at.x - 100), y: Math.round(at.y - 30) });
        return;
      }
      const file = e.dataTransfer.files[0];
      if (file) void file.text().then((text) => actions.importText(text, file.name));
    },
    [rf, store, actions],
  );

  return (
    <div className="ef-canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={rfNodeTypes}
        edgeTypes={rfEdgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        colorMode={theme}
        snapToGrid={snap}
        snapGrid={SNAP}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        minZoom={0.1}
        maxZoom={2.5}
        connectionRadius={28}
        aria-label="Flow canvas"
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} />
        {hasNodes && (
          <MiniMap<CanvasNode>
            pannable
            zoomable
            nodeColor={minimapColour}
            nodeBorderRadius={6}
            ariaLabel="Minimap"
          />
        )}
        <Controls showInteractive={false} fitViewOptions={FIT} />
        <ConnectionHint />
        <DotsOverlay />
      </ReactFlow>
      {!hasNodes && <EmptyState onAddProducer={() => addAtCentre('producer')} />}
      <BreakpointBanner />
    </div>
  );
}
