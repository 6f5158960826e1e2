import { describe, expect, it } from 'vitest';
import { frameBounds, MIN_FRAME_ZOOM, unionBox, WHOLE_FLOW_ZOOM } from './framing';
import { boxesIntersect } from './node-size';
import { frameClear } from './use-frame-flow';

const pane = { width: 1000, height: 600 };
const none = { top: 0, right: 0, bottom: 0, left: 0 };

describe('framing', () => {
  it('centres a small flow at no more than the maximum zoom', () => {
    const vp = frameBounds({ x: 0, y: 0, width: 200, height: 100 }, pane, none);
    expect(vp.zoom).toBe(1.25);
    expect(vp.x + 100 * vp.zoom).toBeCloseTo(500);
  });

  it('keeps a wide flow readable and shows its start instead of shrinking it', () => {
    const vp = frameBounds({ x: 100, y: 0, width: 4000, height: 140 }, pane, none);
    expect(vp.zoom).toBe(MIN_FRAME_ZOOM);
    // The left edge of the flow sits at the (thin) left margin of the pane.
    expect(vp.x + 100 * vp.zoom).toBe(12);
  });

  it('shows the whole of a wide flow when asked to (Zoom to fit), below the readable zoom', () => {
    const bounds = { x: 100, y: -50, width: 4000, height: 140 };
    const vp = frameBounds(bounds, pane, none, WHOLE_FLOW_ZOOM);
    expect(vp.zoom).toBeLessThan(MIN_FRAME_ZOOM);
    expect(vp.x + bounds.x * vp.zoom).toBeGreaterThanOrEqual(0);
    expect(vp.x + (bounds.x + bounds.width) * vp.zoom).toBeLessThanOrEqual(pane.width);
    expect(vp.y + bounds.y * vp.zoom).toBeGreaterThanOrEqual(0);
    expect(vp.y + (bounds.y + bounds.height) * vp.zoom).toBeLessThanOrEqual(pane.height);
  });

  it('keeps the framed flow out of the insets (the minimap band at the bottom)', () => {
    const bounds = { x: 0, y: 0, width: 800, height: 600 };
    const vp = frameBounds(bounds, pane, { ...none, bottom: 150 });
    const bottom = vp.y + (bounds.y + bounds.height) * vp.zoom;
    expect(bottom).toBeLessThanOrEqual(pane.height - 150);
  });

  it('boxes every box', () => {
    expect(
      unionBox([
        { x: 10, y: 5, width: 10, height: 10 },
        { x: -5, y: 20, width: 10, height: 10 },
      ]),
    ).toEqual({ x: -5, y: 5, width: 25, height: 25 });
    expect(unionBox([])).toBeNull();
  });
});

describe('framing clear of the overlays', () => {
  const paneBox = { x: 0, y: 0, width: 1000, height: 600 };
  const minimap = { x: 805, y: 473, width: 180, height: 112 };
  const controls = { x: 15, y: 559, width: 80, height: 26 };
  const node = (x: number, y: number) => ({ x, y, width: 208, height: 140 });
  const screen = (
    b: { x: number; y: number; width: number; height: number },
    vp: { x: number; y: number; zoom: number },
  ) => ({
    x: vp.x + b.x * vp.zoom,
    y: vp.y + b.y * vp.zoom,
    width: b.width * vp.zoom,
    height: b.height * vp.zoom,
  });

  it('keeps every node off the minimap and the controls when the flow fits', () => {
    const boxes = [node(0, 0), node(300, 0), node(600, 180), node(600, 360)];
    const { vp, clear } = frameClear(boxes, paneBox, [minimap, controls]);
    expect(clear).toBe(true);
    for (const b of boxes) {
      const s = screen(b, vp);
      expect(boxesIntersect(s, minimap) || boxesIntersect(s, controls)).toBe(false);
    }
    expect(vp.zoom).toBeGreaterThanOrEqual(MIN_FRAME_ZOOM);
  });

  it('says so when no readable frame can keep the minimap off the nodes', () => {
    const boxes = Array.from({ length: 12 }, (_, i) => node((i % 4) * 300, Math.floor(i / 4) * 200));
    const { vp, clear } = frameClear(boxes, { ...paneBox, width: 700, height: 420 }, [
      { x: 505, y: 293, width: 180, height: 112 },
    ]);
    expect(vp.zoom).toBe(MIN_FRAME_ZOOM);
    expect(clear).toBe(false);
  });
});
