import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useAppStoreApi } from '../app/use-app-store';
import {
  frameBounds,
  MAX_FRAME_ZOOM,
  MIN_FRAME_ZOOM,
  unionBox,
  WHOLE_FLOW_ZOOM,
  type Insets,
  type Viewport,
} from './framing';
import { boxesIntersect, boxOf, type Box } from './node-size';
import { viewStateOf } from './view-state';

// Overlays that sit on the canvas: the flow is framed so none of them covers a node.
const OVERLAYS = '.react-flow__minimap, .react-flow__controls, .ef-minimap-toggle';
const GAP = 8;

/** The node boxes on screen (pane px) under viewport `vp`. */
const onScreen = (boxes: readonly Box[], vp: Viewport, pane: Box): Box[] =>
  boxes.map((b) => ({
    x: pane.x + vp.x + b.x * vp.zoom,
    y: pane.y + vp.y + b.y * vp.zoom,
    width: b.width * vp.zoom,
    height: b.height * vp.zoom,
  }));

/**
 * The best frame of `boxes` clear of every overlay (pane and overlays in screen px, boxes in flow units).
 * Each overlay can be cleared by keeping a band free along the bottom or along its own side; every
 * combination is tried. A frame under which no node meets an overlay wins, then the larger zoom, then
 * the one that gives up less of the pane. `clear` says whether the winner keeps every node uncovered.
 */
export function frameClear(
  boxes: readonly Box[],
  pane: Box,
  overlays: readonly Box[],
  zoomRange: { min: number; max: number } = { min: MIN_FRAME_ZOOM, max: MAX_FRAME_ZOOM },
): { vp: Viewport; clear: boolean } {
  const bounds = unionBox(boxes) ?? { x: 0, y: 0, width: 1, height: 1 };
  let best: { vp: Viewport; lost: number; clear: boolean } | null = null;
  for (let mask = 0; mask < 1 << overlays.length; mask += 1) {
    const insets: Insets = { top: 0, right: 0, bottom: 0, left: 0 };
    overlays.forEach((r, i) => {
      if (mask & (1 << i)) {
        const onRight = r.x + r.width / 2 > pane.x + pane.width / 2;
        if (onRight) insets.right = Math.max(insets.right, pane.x + pane.width - r.x + GAP);
        else insets.left = Math.max(insets.left, r.x + r.width - pane.x + GAP);
      } else insets.bottom = Math.max(insets.bottom, pane.y + pane.height - r.y + GAP);
    });
    const vp = frameBounds(bounds, pane, insets, zoomRange);
    const shown = onScreen(boxes, vp, pane);
    const clear = !shown.some((b) => overlays.some((o) => boxesIntersect(b, o)));
    const lost =
      (insets.left + insets.right) * pane.height + insets.bottom * (pane.width - insets.left - insets.right);
    const better =
      !best ||
      (clear && !best.clear) ||
      (clear === best.clear &&
        (vp.zoom > best.vp.zoom + 1e-6 || (Math.abs(vp.zoom - best.vp.zoom) < 1e-6 && lost < best.lost)));
    if (better) best = { vp, lost, clear };
  }
  return (
    best ?? {
      vp: frameBounds(bounds, pane, { top: 0, right: 0, bottom: 0, left: 0 }, zoomRange),
      clear: true,
    }
  );
}

const rectOf = (el: Element): Box => {
  const r = el.getBoundingClientRect();
  return { x: r.left, y: r.top, width: r.width, height: r.height };
};

/**
 * Frames the flow clear of the minimap and controls. A loaded flow is framed at a readable zoom (never below
 * 0.6; a wider flow shows its start); `whole` ("Zoom to fit", the F key) shows all of it, however small. When no
 * frame keeps the minimap off the nodes, the minimap folds away (its button stays).
 */
export function useFrameFlow() {
  const rf = useReactFlow();
  const store = useAppStoreApi();
  return useCallback(
    (duration = 0, whole = false) => {
      const range = whole ? WHOLE_FLOW_ZOOM : undefined;
      const pane = document.querySelector<HTMLElement>('.ef-canvas .react-flow');
      const boxes = store.getState().nodes.map((n) => boxOf(n.type, n.position));
      if (!pane || boxes.length === 0) return;
      const rect = rectOf(pane);
      if (rect.width === 0 || rect.height === 0) return;
      const view = viewStateOf(store);
      view.setState({ userMoved: false });
      const overlays = [...pane.querySelectorAll(OVERLAYS)]
        .map(rectOf)
        .filter((r) => r.width > 0 && r.height > 0);
      const { vp, clear } = frameClear(boxes, rect, overlays, range);
      void rf.setViewport(vp, duration > 0 ? { duration } : undefined);
      if (!clear && view.getState().minimapOpen && pane.querySelector('.react-flow__minimap')) {
        view.getState().setMinimapOpen(false);
        // Frame again once the minimap is gone, so only the small toggle remains to keep clear of.
        window.requestAnimationFrame(() => {
          const again = frameClear(
            boxes,
            rectOf(pane),
            [...pane.querySelectorAll(OVERLAYS)].map(rectOf),
            range,
          );
          void rf.setViewport(again.vp);
        });
      }
    },
    [rf, store],
  );
}
