import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures';

type Box = { x: number; y: number; width: number; height: number };
const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every node's on-screen box, by its accessible name. */
async function nodeBoxes(nodes: Locator): Promise<Map<string, Box>> {
  const out = new Map<string, Box>();
  for (const node of await nodes.all()) {
    const name = (await node.getAttribute('aria-label')) ?? '';
    const box = await node.boundingBox();
    if (box) out.set(name, box);
  }
  return out;
}

function expectNoOverlap(boxes: Map<string, Box>) {
  const list = [...boxes.entries()];
  const pairs: string[] = [];
  list.forEach(([a, ba], i) =>
    list.slice(i + 1).forEach(([b, bb]) => {
      if (intersects(ba, bb)) pairs.push(`${a} × ${b}`);
    }),
  );
  expect(pairs).toEqual([]);
}

const zoomOf = (page: Page) =>
  page
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);

async function download(page: Page, item: 'Diagram as PNG' | 'Diagram as SVG') {
  await page.getByRole('toolbar', { name: 'Main toolbar' }).getByRole('button', { name: 'Export' }).click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: item }).click(),
  ]);
  return readFile((await file.path())!);
}

test('the saga example opens readable: zoom at least 0.6, no node over another, the minimap over none', async ({
  designer,
  run,
  page,
}) => {
  await run.openExample(/saga/i);
  await expect(designer.nodes()).toHaveCount(9);
  await expect.poll(() => zoomOf(page)).toBeGreaterThanOrEqual(0.6);
  const boxes = await nodeBoxes(designer.nodes());
  expect(boxes.size).toBe(9);
  expectNoOverlap(boxes);
  const minimap = (await page.getByRole('img', { name: 'Minimap' }).boundingBox())!;
  for (const [name, box] of boxes) expect(intersects(box, minimap), name).toBe(false);
  // The minimap folds away and comes back.
  await page.getByRole('button', { name: 'Hide minimap' }).click();
  await expect(page.getByRole('img', { name: 'Minimap' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Show minimap' }).click();
  await expect(page.getByRole('img', { name: 'Minimap' })).toBeVisible();
});

test('fan-out nodes keep their size and stay apart and on screen while the run shows live figures', async ({
  designer,
  run,
  page,
}) => {
  await run.openExample(/Fan-out/);
  await expect(designer.nodes()).toHaveCount(5);
  const idle = await nodeBoxes(designer.nodes());
  const idleZoom = await zoomOf(page);
  expectNoOverlap(idle);
  await run.button('Play').click();
  for (const name of ['Billing', 'Shipping', 'Analytics'])
    await expect(
      designer
        .node(name)
        .getByTestId(/^live\./)
        .first(),
    ).toBeVisible({ timeout: 20_000 });
  const running = await nodeBoxes(designer.nodes());
  const runningZoom = await zoomOf(page);
  const pane = (await page.locator('.ef-canvas').boundingBox())!;
  for (const [name, box] of idle) {
    const now = running.get(name)!;
    // The same footprint in flow units (the view may have re-framed): live figures live inside the box.
    expect(now.width / runningZoom, name).toBeCloseTo(box.width / idleZoom, 0);
    expect(now.height / runningZoom, name).toBeCloseTo(box.height / idleZoom, 0);
  }
  expectNoOverlap(running);
  // The canvas re-framed when the bottom panel opened: every node is still in view.
  for (const [name, box] of running) {
    expect(box.y + box.height, name).toBeLessThanOrEqual(pane.y + pane.height + 1);
    expect(box.y, name).toBeGreaterThanOrEqual(pane.y - 1);
  }
});

test('the diagram exports as SVG elements with one path per edge, and as a PNG that shows the edges', async ({
  designer,
  run,
  page,
}) => {
  await run.openExample(/Fan-out/);
  await expect(designer.edges()).toHaveCount(4);
  const svg = (await download(page, 'Diagram as SVG')).toString('utf8');
  expect(svg.length).toBeLessThan(50_000);
  // Parsed by the browser as XML; the middle of the first edge, in image pixels.
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    if (doc.querySelector('parsererror')) return null;
    const host = document.createElement('div');
    host.append(document.importNode(doc.documentElement, true));
    document.body.append(host);
    const root = host.querySelector('svg')!;
    const paths = [...root.querySelectorAll<SVGPathElement>('g.edges > path')];
    const first = paths[0]!;
    const mid = first.getPointAtLength(first.getTotalLength() / 2).matrixTransform(first.getCTM()!);
    const result = {
      paths: paths.length,
      groups: root.querySelectorAll('g.nodes > g').length,
      foreign: root.querySelectorAll('foreignObject').length,
      stroke: first.getAttribute('stroke'),
      mid: { x: mid.x, y: mid.y },
    };
    host.remove();
    return result;
  }, svg);
  expect(parsed).not.toBeNull();
  expect(parsed!.paths).toBe(4);
  expect(parsed!.groups).toBe(5);
  expect(parsed!.foreign).toBe(0);

  const png = await download(page, 'Diagram as PNG');
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  // Decode the PNG in the page and look for the edge colour around the middle of the first edge.
  const found = await page.evaluate(
    async ({ b64, mid, stroke }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const want = [1, 3, 5].map((i) => parseInt(stroke.slice(i, i + 2), 16));
      const cx = Math.round(mid.x * 2);
      const cy = Math.round(mid.y * 2);
      const data = ctx.getImageData(cx - 6, cy - 6, 13, 13).data;
      let hits = 0;
      for (let i = 0; i < data.length; i += 4)
        if (want.every((v, k) => Math.abs((data[i + k] ?? 0) - v) < 24)) hits += 1;
      return { hits, width: bitmap.width };
    },
    { b64: png.toString('base64'), mid: parsed!.mid, stroke: parsed!.stroke ?? '#000000' },
  );
  expect(found.hits).toBeGreaterThan(3);
});
