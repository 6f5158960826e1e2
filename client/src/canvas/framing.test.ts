import { describe, expect, it } from 'vitest';
import { frameBounds, MIN_FRAME_ZOOM, unionBox } from './framing';

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
    // The left edge of the flow sits at the left margin of the pane.
    expect(vp.x + 100 * vp.zoom).toBe(40);
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
