import { writeFile } from 'node:fs/promises';
import { expect, test } from '../fixtures';

/** A 300-node flow: 75 chains of producer → topic → filter → consumer on a grid. */
function bigFlow() {
  const nodes: object[] = [];
  const edges: object[] = [];
  for (let c = 0; c < 75; c += 1) {
    const row = c * 170;
    const ids = [`p${c}`, `t${c}`, `f${c}`, `c${c}`];
    nodes.push(
      {
        id: ids[0],
        kind: 'producer',
        label: `Producer ${c}`,
        position: { x: 0, y: row },
        config: { eventType: 'OrderPlaced', rate: 5 },
      },
      {
        id: ids[1],
        kind: 'topic',
        label: `Topic ${c}`,
        position: { x: 300, y: row },
        config: { partitions: 3 },
      },
      {
        id: ids[2],
        kind: 'filter',
        label: `Filter ${c}`,
        position: { x: 600, y: row },
        config: { expression: 'data.total > 100' },
      },
      {
        id: ids[3],
        kind: 'consumer',
        label: `Consumer ${c}`,
        position: { x: 900, y: row },
        config: { instances: 2 },
      },
    );
    for (let i = 0; i < 3; i += 1) edges.push({ id: `e${c}-${i}`, source: ids[i], target: ids[i + 1] });
  }
  return { format: 'eventflow.flow', version: 1, name: 'Perf 300', nodes, edges };
}

async function countFrames(page: import('@playwright/test').Page, action: () => Promise<void>) {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__frames = [];
    w.__stop = false;
    const lw = window as unknown as { __long: number };
    lw.__long = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) lw.__long += e.duration;
    }).observe({ type: 'longtask' });
    const tick = (t: number) => {
      w.__frames.push(t);
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await action();
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    const f = w.__frames;
    const seconds = ((f[f.length - 1] ?? 0) - (f[0] ?? 0)) / 1000;
    const gaps = f.slice(1).map((t, i) => t - (f[i] ?? t));
    const longTaskMs = (window as unknown as { __long: number }).__long;
    return {
      fps: (f.length - 1) / seconds,
      frames: f.length,
      seconds,
      worstFrameMs: Math.max(...gaps),
      longTaskMs,
    };
  });
}

test('300 nodes: panning and dragging stay smooth', async ({ designer, page }) => {
  const file = test.info().outputPath('perf-300.flow.json');
  await writeFile(file, JSON.stringify(bigFlow()));
  await designer.importFile(file);
  await expect(designer.nodes()).toHaveCount(300);
  await designer.button('Zoom to fit').click();

  // Work at a readable zoom (about a third of the flow on screen), as a user would.
  await page.getByRole('button', { name: 'Zoom In' }).click();
  await page.getByRole('button', { name: 'Zoom In' }).click();
  const pane = (await designer.canvas.boundingBox())!;
  const pan = await countFrames(page, async () => {
    for (let round = 0; round < 2; round += 1) {
      await page.mouse.move(pane.x + pane.width * 0.8, pane.y + pane.height * 0.2);
      await page.mouse.down();
      await page.mouse.move(pane.x + pane.width * 0.3, pane.y + pane.height * 0.6, { steps: 30 });
      await page.mouse.move(pane.x + pane.width * 0.8, pane.y + pane.height * 0.2, { steps: 30 });
      await page.mouse.up();
    }
  });

  const visible = designer.nodes().filter({ hasText: 'Topic' }).first();
  const node = (await visible.boundingBox())!;
  const drag = await countFrames(page, async () => {
    await page.mouse.move(node.x + node.width / 2, node.y + node.height / 2);
    await page.mouse.down();
    for (let round = 0; round < 2; round += 1) {
      await page.mouse.move(node.x + node.width / 2 + 160, node.y + node.height / 2 + 100, { steps: 30 });
      await page.mouse.move(node.x + node.width / 2, node.y + node.height / 2, { steps: 30 });
    }
    await page.mouse.up();
  });

  const report = { nodes: 300, pan, drag };
  const line = (r: typeof pan) =>
    `${r.fps.toFixed(1)} fps over ${r.seconds.toFixed(1)} s (worst frame ${r.worstFrameMs.toFixed(0)} ms, main-thread long tasks ${r.longTaskMs.toFixed(0)} ms)`;
  console.log(`PERF 300 nodes: pan ${line(pan)}; drag ${line(drag)}`);
  await writeFile(test.info().outputPath('perf.json'), JSON.stringify(report, null, 2));
  test
    .info()
    .annotations.push({ type: 'fps', description: `pan ${pan.fps.toFixed(1)}, drag ${drag.fps.toFixed(1)}` });
  expect(pan.fps).toBeGreaterThan(0);
});
