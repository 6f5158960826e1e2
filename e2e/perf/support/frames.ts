import type { Page } from '@playwright/test';

// Mouse moves per leg of a gesture: enough frames to count, few enough to finish on a loaded machine.
const STEPS = 15;

export interface FrameFigures {
  fps: number;
  seconds: number;
  worstFrameMs: number;
  longTaskMs: number;
}

/** Frames painted while `action` runs, counted with requestAnimationFrame inside the page. */
export async function countFrames(page: Page, action: () => Promise<void>): Promise<FrameFigures> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean; __long: number };
    w.__frames = [];
    w.__stop = false;
    w.__long = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long += e.duration;
    }).observe({ type: 'longtask' });
    const tick = (t: number) => {
      w.__frames.push(t);
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await action();
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean; __long: number };
    w.__stop = true;
    const f = w.__frames;
    const seconds = ((f[f.length - 1] ?? 0) - (f[0] ?? 0)) / 1000;
    const gaps = f.slice(1).map((t, i) => t - (f[i] ?? t));
    return { fps: (f.length - 1) / seconds, seconds, worstFrameMs: Math.max(...gaps), longTaskMs: w.__long };
  });
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Drags the empty canvas there and back twice: the view ends where it started. */
export async function panGesture(page: Page, pane: Box) {
  for (let round = 0; round < 2; round += 1) {
    await page.mouse.move(pane.x + pane.width * 0.8, pane.y + pane.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(pane.x + pane.width * 0.3, pane.y + pane.height * 0.6, { steps: STEPS });
    await page.mouse.move(pane.x + pane.width * 0.8, pane.y + pane.height * 0.2, { steps: STEPS });
    await page.mouse.up();
  }
}

/** Drags a node there and back twice: it ends where it started. */
export async function dragGesture(page: Page, node: Box) {
  const x = node.x + node.width / 2;
  const y = node.y + node.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let round = 0; round < 2; round += 1) {
    await page.mouse.move(x + 160, y + 100, { steps: STEPS });
    await page.mouse.move(x, y, { steps: STEPS });
  }
  await page.mouse.up();
}

/** min / median / max of a list of figures, rounded to one decimal. */
export function spread(values: readonly number[]) {
  const s = [...values].sort((a, b) => a - b);
  const r = (v: number | undefined) => Number((v ?? NaN).toFixed(2));
  return { min: r(s[0]), median: r(s[Math.floor(s.length / 2)]), max: r(s[s.length - 1]) };
}
