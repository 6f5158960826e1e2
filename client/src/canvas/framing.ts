import type { Box } from './node-size';

/** Screen px kept free on each side of the pane, e.g. where the minimap sits. */
export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** Below this, node text is too small to read: a wider flow scrolls instead of shrinking further. */
export const MIN_FRAME_ZOOM = 0.6;
export const MAX_FRAME_ZOOM = 1.25;
/**
 * "Zoom to fit" (the button, F) shows the whole flow however large, down to the canvas's own minimum zoom: a
 * user who asks to see everything means it, and small nodes keep their label and kind colour (level of detail).
 */
export const WHOLE_FLOW_ZOOM = { min: 0.1, max: MAX_FRAME_ZOOM } as const;
const MARGIN = 40;
// The margin left when a flow is too big for the normal one: a few px more of it on screen.
const THIN = 12;

/**
 * The viewport that shows `bounds` (flow units) inside the pane minus `insets` (screen px). When the flow
 * does not fit at a readable zoom, it frames the flow's start (its left edge, and its top when it is also
 * too tall) rather than its middle, because that is where a flow is read from.
 */
export function frameBounds(
  bounds: Box,
  pane: { width: number; height: number },
  insets: Insets,
  zoomRange: { min: number; max: number } = { min: MIN_FRAME_ZOOM, max: MAX_FRAME_ZOOM },
): Viewport {
  const availW = Math.max(1, pane.width - insets.left - insets.right - 2 * MARGIN);
  const availH = Math.max(1, pane.height - insets.top - insets.bottom - 2 * MARGIN);
  const fit = Math.min(availW / Math.max(1, bounds.width), availH / Math.max(1, bounds.height));
  const zoom = Math.min(zoomRange.max, Math.max(zoomRange.min, fit));
  // Per axis: centred in the margins; if too big for them, centred in the thin margins; else from its start.
  const place = (size: number, start: number, lead: number, room: number) => {
    if (size <= room) return lead + MARGIN + (room - size) / 2 - start;
    const wide = room + 2 * (MARGIN - THIN);
    if (size <= wide) return lead + THIN + (wide - size) / 2 - start;
    return lead + THIN - start;
  };
  return {
    x: place(bounds.width * zoom, bounds.x * zoom, insets.left, availW),
    y: place(bounds.height * zoom, bounds.y * zoom, insets.top, availH),
    zoom,
  };
}

/** The box around every box. */
export function unionBox(boxes: readonly Box[]): Box | null {
  if (boxes.length === 0) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width);
    y1 = Math.max(y1, b.y + b.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
