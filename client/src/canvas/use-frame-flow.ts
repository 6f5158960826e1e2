import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useAppStoreApi } from '../app/use-app-store';
import { frameBounds, unionBox, type Insets, type Viewport } from './framing';
import { boxOf, type Box } from './node-size';

// Overlays that sit on the canvas: the flow is framed so none of them covers a node.
const OVERLAYS = '.react-flow__minimap, .react-flow__controls, .ef-minimap-toggle';
const GAP = 8;

/**
 * The best frame clear of every overlay. Each overlay can be cleared by keeping a band free along the
 * bottom or along its own side; every combination is tried and the one showing the flow largest wins
 * (at equal zoom, the one that gives up less of the pane).
 */
export function frameClear(bounds: Box, pane: DOMRect, overlays: readonly DOMRect[]): Viewport {
  let best: { vp: Viewport; lost: number } | null = null;
  for (let mask = 0; mask < 1 << overlays.length; mask += 1) {
    const insets: Insets = { top: 0, right: 0, bottom: 0, left: 0 };
    overlays.forEach((r, i) => {
      if (mask & (1 << i)) {
        const onRight = r.left + r.width / 2 > pane.left + pane.width / 2;
        if (onRight) insets.right = Math.max(insets.right, pane.right - r.left + GAP);
        else insets.left = Math.max(insets.left, r.right - pane.left + GAP);
      } else insets.bottom = Math.max(insets.bottom, pane.bottom - r.top + GAP);
    });
    const vp = frameBounds(bounds, pane, insets);
    const lost =
      (insets.left + insets.right) * pane.height + insets.bottom * (pane.width - insets.left - insets.right);
    if (
      !best ||
      vp.zoom > best.vp.zoom + 1e-6 ||
      (Math.abs(vp.zoom - best.vp.zoom) < 1e-6 && lost < best.lost)
    )
      best = { vp, lost };
  }
  return best?.vp ?? frameBounds(bounds, pane, { top: 0, right: 0, bottom: 0, left: 0 });
}

// Per store (one per tab, and per test): whether the user has panned or zoomed since the last framing.
const views = new WeakMap<object, { userMoved: boolean }>();
function viewOf(store: object): { userMoved: boolean } {
  let v = views.get(store);
  if (!v) views.set(store, (v = { userMoved: false }));
  return v;
}

/** Marks the view as placed by the user (a pan or zoom): resizes then leave it where it is. */
export function useViewState(): { userMoved: boolean } {
  return viewOf(useAppStoreApi());
}

/**
 * Frames the whole flow at a readable zoom (never below 0.6; a wider flow shows its start), clear of the
 * minimap and controls: what "Zoom to fit", the F key and the framing of a loaded flow all do.
 */
export function useFrameFlow() {
  const rf = useReactFlow();
  const store = useAppStoreApi();
  return useCallback(
    (duration = 0) => {
      const pane = document.querySelector<HTMLElement>('.ef-canvas .react-flow');
      const bounds = unionBox(store.getState().nodes.map((n) => boxOf(n.type, n.position)));
      if (!pane || !bounds) return;
      const rect = pane.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) return;
      viewOf(store).userMoved = false;
      const overlays = [...pane.querySelectorAll(OVERLAYS)]
        .map((el) => el.getBoundingClientRect())
        .filter((r) => r.width > 0 && r.height > 0);
      void rf.setViewport(frameClear(bounds, rect, overlays), duration > 0 ? { duration } : undefined);
    },
    [rf, store],
  );
}
