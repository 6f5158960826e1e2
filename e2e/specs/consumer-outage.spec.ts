import { expect, test } from '../fixtures';
import { RunPanel } from '../pages/run-panel';

// A run starts in a worker thread; on a busy machine that alone can take seconds.
test.setTimeout(90_000);

test('taking a consumer down from its menu makes the topic lag; bringing it back drains the lag to zero', async ({
  designer,
  page,
  pageErrors,
}) => {
  const run = new RunPanel(page);
  await run.openExample(/Partitions and per-key order/);
  const consumer = designer.node('Balance Projector');
  const lag = designer.node('account-events').locator('.ef-live__lag');
  const badge = page.getByTestId('node.balances.down');
  const menu = page.getByRole('menu', { name: 'Actions for balances' });

  await run.setSpeed('0.5');
  await run.playUntilEvents();
  await run.pause();

  await consumer.click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Take down' }).click();
  await expect(badge).toHaveText('down');
  await expect(consumer.getByLabel(/^Instance 0 down$/)).toBeVisible();

  // While it is down the topic keeps every event: the group's lag grows on the canvas.
  await run.button('Play').click();
  await expect
    .poll(async () => Number(/lag (\d+)/.exec((await lag.textContent()) ?? '')?.[1] ?? 0), {
      timeout: 30_000,
    })
    .toBeGreaterThanOrEqual(5);

  await consumer.click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Bring back up' }).click();
  await expect(badge).toHaveCount(0);
  // A run that had finished producing waits, paused, with the lag to catch up on.
  if ((await run.phase()) === 'paused') await run.button('Play').click();
  await expect(lag).toHaveText('balances lag 0', { timeout: 30_000 });
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });

  // The trace holds the membership changes as events of their own.
  await page.getByRole('tab', { name: /^Events/ }).click();
  await run.filter('type', 'eventflow.membership');
  await expect(run.rows()).toHaveCount(2, { timeout: 10_000 });
  expect(pageErrors).toEqual([]);
});
