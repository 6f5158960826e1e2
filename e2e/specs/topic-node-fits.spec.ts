import { writeFile } from 'node:fs/promises';
import type { Locator } from '@playwright/test';
import { expect, test } from '../fixtures';

test.setTimeout(90_000);

const PARTITIONS = [1, 2, 3, 4, 5, 6, 7, 8];

/** One producer into eight topics of 1..8 partitions, each read by two slow groups: lag, expiry, big counts. */
function manyPartitions() {
  const topics = PARTITIONS.map((p, i) => ({
    id: `t${p}`,
    kind: 'topic',
    label: `${p} partition${p > 1 ? 's' : ''}`,
    position: { x: 300 + (i % 4) * 250, y: i < 4 ? 0 : 200 },
    config: { partitions: p, retention: { maxEvents: 40 } },
  }));
  return {
    format: 'eventflow.flow',
    version: 1,
    name: 'Many partitions',
    nodes: [
      {
        id: 'src',
        kind: 'producer',
        position: { x: 0, y: 100 },
        config: { eventType: 'Tick', rate: 400, count: 20_000, key: 'string(seq % 97)' },
      },
      ...topics,
      { id: 'ledger', kind: 'consumer', position: { x: 1300, y: 0 }, config: { processingMs: 30 } },
      {
        id: 'auditing',
        kind: 'consumer',
        position: { x: 1300, y: 200 },
        config: { processingMs: 60, group: 'audit-and-compliance' },
      },
    ],
    edges: [
      ...topics.map((t) => ({ id: `in-${t.id}`, source: 'src', target: t.id })),
      ...topics.map((t) => ({ id: `l-${t.id}`, source: t.id, target: 'ledger' })),
      ...topics.map((t) => ({ id: `a-${t.id}`, source: t.id, target: 'auditing' })),
    ],
  };
}

/**
 * What of a node's content the fixed box cuts off: each element whose box leaves the node's inner box, and
 * each content area whose text overflows it (wider or taller than it shows).
 */
async function clipped(node: Locator): Promise<string[]> {
  return node.evaluate((el) => {
    const outer = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const bottom = outer.bottom - parseFloat(cs.borderBottomWidth);
    const right = outer.right - parseFloat(cs.borderRightWidth);
    const cut: string[] = [];
    const name = (e: Element) => `${e.className || e.tagName} "${(e.textContent ?? '').slice(0, 30)}"`;
    for (const e of el.querySelectorAll('.ef-node__body *, .ef-live *')) {
      if (e.closest('svg') && e.tagName !== 'svg') continue;
      const r = e.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.bottom > bottom + 0.5 || r.right > right + 0.5) cut.push(`${name(e)} leaves the node`);
    }
    for (const e of el.querySelectorAll(
      '.ef-node__body, .ef-live, .ef-live__cell, .ef-live__lags, .ef-live__row',
    ))
      if (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)
        cut.push(`${name(e)} overflows`);
    return cut;
  });
}

test('a topic node shows every partition line and live figure inside its fixed box, 1 to 8 partitions', async ({
  designer,
  run,
  page,
}) => {
  const file = test.info().outputPath('many-partitions.flow.json');
  await writeFile(file, JSON.stringify(manyPartitions()));
  await designer.importFile(file);
  await expect(designer.nodes()).toHaveCount(11);
  const topic = (p: number) => designer.node(`${p} partition${p > 1 ? 's' : ''}`);
  for (const p of PARTITIONS) expect(await clipped(topic(p)), `idle, ${p} partitions`).toEqual([]);

  await run.setSpeed('2');
  await run.button('Play').click();
  // Retention is small and the groups slow: wait until the topics have lag and expired entries to show.
  await expect(topic(8).getByTestId('live.expired')).toBeVisible({ timeout: 30_000 });
  await run.pause();
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await designer.button('Switch to dark theme').click();
    for (const [w, h] of [
      [1440, 900],
      [1280, 720],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.getByRole('button', { name: 'Fit view' }).click();
      await page.screenshot({ path: test.info().outputPath(`topics-${w}x${h}-${theme}.png`) });
    }
  }
  for (const p of PARTITIONS) {
    const node = topic(p);
    await expect(node.locator('.ef-live__cell')).toHaveCount(p);
    // Two groups: the worst lag on one line (cut with an ellipsis if need be), every group's in its title.
    await expect(node.locator('.ef-live__lag')).toContainText('max lag');
    await expect(node.locator('.ef-live__lag')).toHaveAttribute(
      'title',
      /audit-and-compliance: lag \d+\nledger: lag \d+/,
    );
    expect(await clipped(node), `live, ${p} partitions`).toEqual([]);
  }
  for (const name of ['src', 'ledger', 'auditing'])
    expect(await clipped(designer.node(name)), `live, ${name}`).toEqual([]);
  // Close up, for the review of both themes: zoomed in about each node in turn.
  const closeUp = async (p: number, theme: string) => {
    await page.getByRole('button', { name: 'Fit view' }).click();
    const box = (await topic(p).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -200);
    await expect.poll(async () => (await topic(p).boundingBox())!.height).toBeGreaterThan(200);
    await topic(p).screenshot({ path: test.info().outputPath(`topic-${p}-${theme}.png`) });
  };
  for (const p of [1, 3, 8]) await closeUp(p, 'dark');
  await designer.button('Switch to light theme').click();
  for (const p of [1, 3, 8]) await closeUp(p, 'light');
});

test('a consumer node that dead-letters keeps its losses badge inside its fixed box', async ({
  run,
  designer,
}) => {
  await run.openExample(/Schema versions/);
  await run.setSpeed('max');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
  // Billing breaks on every v2 order: totals, sparkline, instance chip and the "dead-lettered" badge, all shown.
  const billing = designer.node('Billing');
  await expect(billing.getByTestId('live.dead-lettered')).toContainText('dead-lettered');
  expect(await clipped(billing)).toEqual([]);
});
