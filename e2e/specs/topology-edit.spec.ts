import type { Locator } from '@playwright/test';
import { expect, test } from '../fixtures';
import type { DesignerPage } from '../pages/designer-page';
import { flowDoc, writeFlowFile } from '../pages/flow-files';
import type { RunPanel } from '../pages/run-panel';

test.setTimeout(90_000);

const ENDED = 'The drawing changed, so the run was ended. Press Play to run the new drawing.';

// Three seconds of simulated orders: long enough to pause mid-run and to watch a badge count up.
const orders = flowDoc(
  'Orders to billing',
  [
    {
      id: 'shop',
      kind: 'producer',
      label: 'Shop',
      position: { x: 0, y: 0 },
      config: { eventType: 'OrderPlaced', rate: 10, count: 30 },
    },
    { id: 'queue', kind: 'topic', label: 'Queue', position: { x: 300, y: 0 }, config: {} },
    {
      id: 'billing',
      kind: 'consumer',
      label: 'Billing',
      // Up and to the right: the minimap sits bottom right, over whatever is drawn there.
      position: { x: 600, y: -160 },
      config: { processingMs: 5 },
    },
  ],
  [
    { id: 'e1', source: 'shop', target: 'queue' },
    { id: 'e2', source: 'queue', target: 'billing' },
  ],
);

const inCount = async (badge: Locator) =>
  Number(/in (\d+)/.exec((await badge.textContent()) ?? '')?.[1] ?? -1);

test('replacing a consumer of a paused run ends the run; the next run feeds the new consumer and never the old', async ({
  designer,
  run,
  page,
  pageErrors,
}, testInfo) => {
  await designer.importFile(writeFlowFile(testInfo, 'orders.flow.json', orders).path);
  await expect(designer.node('Billing')).toBeVisible();
  await run.setSpeed('0.5');
  await run.playUntilEvents();
  await run.pause();
  await expect(designer.node('Billing').getByTestId('live.billing')).toBeVisible();

  await designer.node('Billing').click();
  await page.keyboard.press('Delete');
  await expect(designer.node('Billing')).toHaveCount(0);
  await expect(page.getByText(ENDED, { exact: true })).toBeVisible();
  await run.expectNoTrace();
  await expect(run.controls).not.toHaveAttribute('data-phase', /^(running|paused)$/);

  await designer.add('Consumer');
  await designer.connect('Queue', 'Consumer 1');
  await expect(designer.edges()).toHaveCount(2);
  await run.expectNoTrace();

  await run.setSpeed('1');
  await run.button('Play').click();
  const badge = designer.node('Consumer 1').getByTestId('live.consumer-1');
  await expect.poll(() => inCount(badge), { timeout: 20_000 }).toBeGreaterThan(0);
  const first = await inCount(badge);
  await expect.poll(() => inCount(badge), { timeout: 20_000 }).toBeGreaterThan(first);
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
  await run.backToEvents();
  await expect(designer.node('Shop').getByTestId('live.shop')).toBeVisible();

  // No event of the new run names the deleted consumer, in the list or along its path. The ended run's list
  // is drawn from pages the server sends after the end, so wait for them rather than read an empty list.
  await expect(run.rows().first()).toBeVisible({ timeout: 15_000 });
  const rows = await run.rows().evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  expect(rows.length).toBeGreaterThan(0);
  for (const name of rows) {
    expect(name).toContain('consumer-1: acked');
    expect(name).not.toContain('billing');
  }
  await run.rows().first().click();
  expect(await run.spanPlaces()).not.toContain('billing');
  const visited = await run.hopNodes();
  expect(visited).toContain('Consumer 1');
  expect(visited).not.toContain('Billing');
  expect(pageErrors).toEqual([]);
});

/** The orders flow, imported and paused mid-run with events on screen; answers the run id. */
async function pausedOrders(designer: DesignerPage, run: RunPanel, path: string) {
  await designer.importFile(path);
  await expect(designer.node('Billing')).toBeVisible();
  await run.setSpeed('0.5');
  await run.playUntilEvents();
  await run.pause();
  return run.runId();
}

test('a label edit keeps the paused run; a kind-defining edit (partitions) ends it like any topology edit', async ({
  designer,
  inspector,
  run,
  page,
  pageErrors,
}, testInfo) => {
  const runId = await pausedOrders(designer, run, writeFlowFile(testInfo, 'orders.flow.json', orders).path);
  const events = await run.rows().count();

  await designer.node('Queue').click();
  await inspector.set('Label', 'Order queue');
  await expect(designer.node('Order queue')).toBeVisible();
  await expect(run.controls).toHaveAttribute('data-run-id', runId);
  await expect(run.controls).toHaveAttribute('data-phase', 'paused');
  await expect(page.getByText(ENDED, { exact: true })).toHaveCount(0);
  expect(await run.rows().count()).toBe(events);

  await inspector.set('Partitions', '3');
  await expect(page.getByText(ENDED, { exact: true })).toBeVisible();
  await run.expectNoTrace();
  expect(pageErrors).toEqual([]);
});

test('pasting flow JSON onto the canvas adds nodes, so it ends the run', async ({
  designer,
  run,
  page,
  pageErrors,
}, testInfo) => {
  await pausedOrders(designer, run, writeFlowFile(testInfo, 'orders.flow.json', orders).path);
  const clip = flowDoc(
    'Clip',
    [{ id: 'audit', kind: 'consumer', label: 'Audit', position: { x: 600, y: 200 }, config: {} }],
    [],
  );
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, JSON.stringify(clip));
  await expect(designer.node('Audit')).toBeVisible();
  await expect(page.getByText(ENDED, { exact: true })).toBeVisible();
  await run.expectNoTrace();
  expect(pageErrors).toEqual([]);
});
