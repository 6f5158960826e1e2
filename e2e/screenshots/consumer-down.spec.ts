import path from 'node:path';
import { expect, test } from '../fixtures';
import { RunPanel } from '../pages/run-panel';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');
/** Looked at during review; only the 1440×900 pair is kept in docs/screenshots. */
const SCRATCH = path.resolve(import.meta.dirname, '../../test-results/screens');
test.use({ trace: 'off' });
test.setTimeout(120_000);

test('screenshots of a consumer taken down while the topic lags', async ({ designer, page }) => {
  const run = new RunPanel(page);
  await run.openExample(/Partitions and per-key order/);
  await run.setSpeed('0.5');
  await run.playUntilEvents();
  await run.pause();
  await designer.node('Balance Projector').click({ button: 'right' });
  await page
    .getByRole('menu', { name: 'Actions for balances' })
    .getByRole('menuitem', { name: 'Take down' })
    .click();
  await expect(page.getByTestId('node.balances.down')).toHaveText('down');
  await run.button('Play').click();
  const lag = designer.node('account-events').locator('.ef-live__lag');
  await expect
    .poll(async () => Number(/lag (\d+)/.exec((await lag.textContent()) ?? '')?.[1] ?? 0), {
      timeout: 30_000,
    })
    .toBeGreaterThanOrEqual(8);
  await designer.node('Balance Projector').click();
  await expect(page.getByTestId('inspector.membership')).toBeVisible();
  await page.screenshot({ path: path.join(OUT, 'consumer-down.png') });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: path.join(SCRATCH, 'consumer-down-light-1280.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await designer.button('Switch to dark theme').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: path.join(OUT, 'consumer-down-dark.png') });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: path.join(SCRATCH, 'consumer-down-dark-1280.png') });
});
