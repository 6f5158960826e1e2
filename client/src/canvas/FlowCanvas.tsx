import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type FinalConnectionState,
  type Viewport,
} from '@xyflow/react';
import { isNodeKind, type NodeKind } from '@eventflow/shared';
import { Maximize } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, type DragEvent, type PointerEvent } from 'react';
import { useSession } from '../app/use-session';
import { rfNodeTypes } from '../nodes/registry';
import { selectEdges, selectHasNodes, selectNodes } from '../store/selectors';
import { useAppStore, useAppStoreApi } from '../app/use-app-store';
import { ConnectionHint } from './ConnectionHint';
import { NodeContextMenu, useNodeContextMenu } from './NodeContextMenu';
import { DotsOverlay } from '../run/DotsOverlay';
import { BreakpointBanner } from '../run/BreakpointBanner';
import { checkConnection } from '../model/connection-rules';
import { EmptyState } from './EmptyState';
import { rfEdgeTypes } from './FlowEdge';
import type { CanvasEdge, CanvasNode } from '../model/types';
import { CanvasMinimap } from './CanvasMinimap';
import { FarEdges } from './FarEdges';
import { selectFar } from './level-of-detail';
import { routeEdges } from './edge-route';
import { EdgeRoutesContext } from './edge-routes-context';
import { withGeometry } from './node-geometry';
import { boxOf, NODE_SIZE } from './node-size';
import { findFreeSpot } from './placement';
import { useFrameFlow } from './use-frame-flow';
import { useViewStateApi } from './view-state';
import { selectWatchesPresenter } from '../store/room-slice';
import { FollowBanner } from '../panels/workshop/FollowBanner';
import { useWorkshopView } from './use-workshop-view';
import { WorkshopOverlays } from './WorkshopOverlays';

/** The drag payload type the palette sets; anything else dropped here is treated as a file. */
export const PALETTE_MIME = 'application/x-eventflow-kind';

const SNAP: [number, number] = [16, 16];
/** From this many nodes on, nodes drop shadows and transitions: software raster repaints each one per frame. */
export const LARGE_FLOW = 150;
/** While the view moves, the viewport is one composited layer: panning moves pixels instead of repainting. */
const MOVING = 'is-moving';

/** Where a new node of `kind` wanted at `centre` goes: the nearest spot that overlaps no node. */
export function placeNode(nodes: readonly CanvasNode[], kind: NodeKind, centre: { x: number; y: number }) {
  const size = NODE_SIZE[kind];
  const taken = nodes.map((n) => boxOf(n.type, n.position));
  return findFreeSpot(taken, { x: centre.x - size.width / 2, y: centre.y - size.height / 2 }, size);
}

export function useAddAtCentre() {
  const rf = useReactFlow();
  const store = useAppStoreApi();
  const frame = useFrameFlow();
  return useCallback(
    (kind: NodeKind) => {
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
      const centre = pane
        ? rf.screenToFlowPosition({ x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 })
        : { x: 0, y: 0 };
      const at = placeNode(store.getState().nodes, kind, centre);
      store.getState().addNode(kind, at);
      if (pane) {
        const bottomRight = rf.screenToFlowPosition({ x: pane.right, y: pane.bottom });
        const size = NODE_SIZE[kind];
        // Keep the new node on screen: once it lands off the view, reframe everything.
        if (at.x + size.width > bottomRight.x || at.y + size.height > bottomRight.y) {
          window.requestAnimationFrame(() => window.requestAnimationFrame(() => frame(300)));
        }
      }
    },
    [rf, store, frame],
  );
}

export function FlowCanvas() {
  const store = useAppStoreApi();
  const actions = useSession();
  const rf = useReactFlow();
  const nodes = useAppStore(selectNodes);
  const edges = useAppStore(selectEdges);
  const hasNodes = useAppStore(selectHasNodes);
  const large = nodes.length >= LARGE_FLOW;
  // A large flow zoomed far out draws its edges as a few paths (FarEdges) instead of React Flow's elements.
  const farEdges = useStore(selectFar) && large;
  const rfEdges = useMemo(
    () => (farEdges ? edges.map((e) => (e.hidden ? e : { ...e, hidden: true })) : edges),
    [edges, farEdges],
  );
  const routes = useMemo(() => routeEdges(nodes, edges), [nodes, edges]);
  // Sizes and handles known up front: React Flow mounts only what is on screen, and measures nothing first.
  const rfNodes = useMemo(() => nodes.map(withGeometry), [nodes]);
  const onNodesChange = useAppStore((s) => s.onNodesChange);
  const onEdgesChange = useAppStore((s) => s.onEdgesChange);
  const onConnect = useAppStore((s) => s.onConnect);
  const theme = useAppStore((s) => s.theme);
  const snap = useAppStore((s) => s.snapToGrid);
  const addAtCentre = useAddAtCentre();
  const docEpoch = useAppStore((s) => s.docEpoch);
  const frame = useFrameFlow();
  const view = useViewStateApi();
  const box = useRef<HTMLDivElement>(null);
  const reframe = useCallback(() => frame(), [frame]);
  const contextMenu = useNodeContextMenu();
  const workshop = useWorkshopView();
  // An attendee following the presenter sees the presenter's flow: look, never touch.
  const readOnly = useAppStore(selectWatchesPresenter);
  // Opening or closing the topic console changes the canvas width: frame the flow again in what is left.
  const consoleOpen = useAppStore((s) => s.topicConsole !== null);
  const consoleWas = useRef(consoleOpen);
  useEffect(() => {
    if (consoleWas.current === consoleOpen) return;
    consoleWas.current = consoleOpen;
    if (store.getState().nodes.length === 0) return;
    const raf = window.requestAnimationFrame(() => frame());
    return () => window.cancelAnimationFrame(raf);
  }, [consoleOpen, frame, store]);
  useEffect(() => {
    // Frame a freshly loaded document on the next frame, once the overlays are on screen. Never on an
    // empty canvas. Node boxes are fixed (node-size.ts), so there is no measuring to wait for.
    if (store.getState().nodes.length === 0) return;
    const id = window.requestAnimationFrame(reframe);
    return () => window.cancelAnimationFrame(id);
  }, [docEpoch, reframe, store]);
  useEffect(() => {
    // The canvas shrinks when the bottom panel opens at run start: re-frame unless the user has moved the view.
    const el = box.current;
    if (!el) return;
    let last = { w: el.clientWidth, h: el.clientHeight };
    const observer = new ResizeObserver(() => {
      const now = { w: el.clientWidth, h: el.clientHeight };
      if (now.w === last.w && now.h === last.h) return;
      last = now;
      if (!view.getState().userMoved && store.getState().nodes.length > 0) frame();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [frame, store, view]);
  const onMoveStart = useCallback(
    (event: MouseEvent | TouchEvent | null) => {
      // Programmatic moves (fit, setViewport) have no event.
      if (event) view.setState({ userMoved: true });
      // A class on the element, not React state: a render of the whole canvas would cost the frame it saves.
      box.current?.classList.add(MOVING);
      workshop.onMoveStart(event);
    },
    [view, workshop],
  );
  const onMoveEnd = useCallback(
    (event: MouseEvent | TouchEvent | null, viewport: Viewport) => {
      box.current?.classList.remove(MOVING);
      workshop.onMoveEnd(event, viewport);
    },
    [workshop],
  );

  const onPointerDown = useCallback((e: PointerEvent<HTMLDivElement>) => {
    // A pan drags the empty pane. Captured, the pointer's moves go to the pane without a hit test each: with
    // hundreds of nodes and edges under the pointer, that hit test was a third of every mouse move.
    const t = e.target;
    if (e.pointerType === 'mouse' && t instanceof Element && t.classList.contains('react-flow__pane'))
      t.setPointerCapture(e.pointerId);
  }, []);

  const isValidConnection = useCallback(
    (c: Connection | Edge) => checkConnection(store.getState().nodes, store.getState().edges, c).ok,
    [store],
  );
  const onConnectEnd = useCallback(
    (_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid !== false || !state.toNode || !state.fromNode) return;
      const fromSource = state.fromHandle?.type !== 'target';
      const attempt = fromSource
        ? { source: state.fromNode.id, target: state.toNode.id, sourceHandle: state.fromHandle?.id ?? null }
        : { source: state.toNode.id, target: state.fromNode.id, sourceHandle: state.toHandle?.id ?? null };
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
      if (isNodeKind(kind)) {
        const at = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
        store.getState().addNode(kind, placeNode(store.getState().nodes, kind, at));
        return;
      }
      const file = e.dataTransfer.files[0];
      if (file) void file.text().then((text) => actions.importText(text, file.name));
    },
    [rf, store, actions],
  );

  return (
    <EdgeRoutesContext.Provider value={routes}>
      <div
        className={`ef-canvas${readOnly ? ' is-read-only' : ''}${large ? ' is-large' : ''}`}
        ref={box}
        onDragOver={readOnly ? undefined : onDragOver}
        onDrop={readOnly ? undefined : onDrop}
        onPointerDown={onPointerDown}
        onMouseMove={workshop.onPointerMove}
        onMouseLeave={workshop.onPointerLeave}
      >
        <ReactFlow<CanvasNode, CanvasEdge>
          nodes={rfNodes}
          edges={rfEdges}
          nodeTypes={rfNodeTypes}
          // A large flow keeps only what is on screen in the DOM: a run updates every node's figures several
          // times a second, and style, layout and React work then scale with the view, not the flow. Not when
          // zoomed far out: nearly every node is on screen, each far node is one box and a name, and a pan
          // would mount, observe and measure the nodes crossing the pane's edges on every frame.
          onlyRenderVisibleElements={large && !farEdges}
          edgeTypes={rfEdgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          onMoveStart={onMoveStart}
          onMoveEnd={onMoveEnd}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          elementsSelectable={!readOnly}
          onNodeContextMenu={contextMenu.onNodeContextMenu}
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
          {hasNodes && <CanvasMinimap />}
          <Controls showInteractive={false} showFitView={false} orientation="horizontal">
            <ControlButton onClick={reframe} aria-label="Fit view" title="Fit view (F)">
              <Maximize />
            </ControlButton>
          </Controls>
          <ConnectionHint />
          {farEdges && <FarEdges edges={edges} />}
          <DotsOverlay />
          <WorkshopOverlays />
        </ReactFlow>
        <NodeContextMenu menu={contextMenu.menu} onClose={contextMenu.close} />
        {!hasNodes && !readOnly && <EmptyState onAddProducer={() => addAtCentre('producer')} />}
        <FollowBanner />
        <BreakpointBanner />
      </div>
    </EdgeRoutesContext.Provider>
  );
}
