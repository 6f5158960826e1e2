import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import type { Box } from './frames';

export interface View {
  x: number;
  y: number;
  zoom: number;
  box: Box;
}

// A still view comes within a second or two even on a loaded machine; past this the page is stuck, and saying
// so beats waiting for the test's 20 minutes.
const STILL_WITHIN_MS = 15_000;

/**
 * The React Flow view of the canvas on `page` (its viewport transform) and the pane's box on screen, once the
 * view has stopped moving (framing animates) for ten frames. Fails, naming the transform, when the view is not
 * still within 15 s or the page paints no frames (a page in the background gets none).
 */
export async function viewOf(page: Page): Promise<View> {
  const pane = page.locator('.react-flow').first();
  const box = await pane.boundingBox({ timeout: STILL_WITHIN_MS });
  if (!box) throw new Error('no canvas on screen');
  const t = await page.evaluate(
    (within) =>
      new Promise<string>((resolve, reject) => {
        let last = '';
        let same = 0;
        let frames = 0;
        const read = () =>
          document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
        const stop = setTimeout(
          () => reject(new Error(`view not still after ${within} ms (${frames} frames): ${read()}`)),
          within,
        );
        const check = () => {
          frames += 1;
          const now = read();
          same = now === last ? same + 1 : 0;
          last = now;
          if (same >= 10) {
            clearTimeout(stop);
            resolve(now);
          } else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    STILL_WITHIN_MS,
  );
  const m = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(t ?? '');
  if (!m) throw new Error(`unreadable viewport transform: ${t}`);
  return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]), box };
}

/**
 * Drags the empty canvas so that the flow point `to` lands at `at` (shares of the pane), grabbing the pane at
 * the flow point `grab`, which must be empty canvas (a press on a node or an edge would not pan).
 */
export async function panFlowPoint(
  page: Page,
  view: View,
  grab: { x: number; y: number },
  to: { x: number; y: number },
  at: { x: number; y: number },
) {
  const screen = (p: { x: number; y: number }) => ({
    x: view.box.x + view.x + p.x * view.zoom,
    y: view.box.y + view.y + p.y * view.zoom,
  });
  const from = screen(grab);
  const now = screen(to);
  const dx = view.box.x + view.box.width * at.x - now.x;
  const dy = view.box.y + view.box.height * at.y - now.y;
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 6 });
  await page.mouse.up();
  return viewOf(page);
}

/**
 * React Flow's own default nodes and edges for `flow` (the client's `?bench=baseline` page), in a pane of the
 * same size at the same view as Eventflow's canvas.
 */
export async function openBaseline(context: BrowserContext, flow: object, view: View, nodes: number) {
  const page = await context.newPage();
  await page.addInitScript((f) => {
    (window as unknown as { __eventflowBenchFlow: unknown }).__eventflowBenchFlow = f;
  }, flow);
  const q = new URLSearchParams({
    bench: 'baseline',
    x: String(view.x),
    y: String(view.y),
    zoom: String(view.zoom),
    w: String(Math.round(view.box.width)),
    h: String(Math.round(view.box.height)),
  });
  await page.goto(`/?${q.toString()}`);
  await page
    .locator('.react-flow__node')
    .nth(nodes - 1)
    .waitFor({ state: 'attached' });
  const box = await page.getByTestId('bench.baseline').boundingBox();
  if (!box) throw new Error('baseline pane not on screen');
  return { page, box };
}

/** The first node with this id prefix whose box lies wholly inside the pane: its id and box. */
export async function visibleNode(page: Page, prefix: string, pane: Box) {
  const nodes = page.locator(`.react-flow__node[data-id^="${prefix}"]`);
  for (const n of await nodes.all()) {
    const b = await n.boundingBox();
    if (
      b &&
      b.x > pane.x + 40 &&
      b.y > pane.y + 40 &&
      b.x + b.width + 200 < pane.x + pane.width &&
      b.y + b.height + 140 < pane.y + pane.height
    )
      return { id: (await n.getAttribute('data-id')) ?? '', box: b };
  }
  throw new Error(`no ${prefix}* node wholly on screen`);
}

/** The machine's load averages (1, 5, 15 min): the machine is shared, so every figure carries it. */
export function loadavg(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/**
 * Zooms out (the canvas's Zoom Out button) until the whole flow, `size` in flow units, fits or the canvas's minimum
 * zoom is reached, then drags its top left corner into view.
 */
export async function showWholeFlow(page: Page, size: { width: number; height: number }) {
  let v = await viewOf(page);
  for (
    let i = 0;
    i < 20 && (size.width * v.zoom > v.box.width - 60 || size.height * v.zoom > v.box.height - 60);
    i += 1
  ) {
    // At the canvas's minimum zoom the button is disabled, and a click would wait for it forever.
    const out = page.getByRole('button', { name: 'Zoom Out' });
    if (await out.isDisabled()) break;
    await out.click();
    v = await viewOf(page);
  }
  for (let i = 0; i < 6 && (Math.abs(v.x - 20) > 4 || Math.abs(v.y - 20) > 4); i += 1) {
    const cx = v.box.x + v.box.width / 2;
    const cy = v.box.y + v.box.height / 2;
    const clamp = (d: number, max: number) => Math.max(-max, Math.min(max, d));
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(
      cx + clamp(20 - v.x, v.box.width / 2 - 10),
      cy + clamp(20 - v.y, v.box.height / 2 - 10),
      {
        steps: 4,
      },
    );
    await page.mouse.up();
    v = await viewOf(page);
  }
  return v;
}
