import path from 'node:path';
import { expect, test } from '../fixtures';
import { RunPanel } from '../pages/run-panel';
import { TopicConsolePanel } from '../pages/topic-console';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');
/** Looked at during review; only the 1440×900 pair is kept in docs/screenshots. */
const SCRATCH = path.resolve(import.meta.dirname, '../../test-results/screens');
test.use({ trace: 'off' });
test.setTimeout(120_000);

test('screenshots of the topic console after a replay', async ({ designer, page }) => {
  const run = new RunPanel(page);
  const topic = new TopicConsolePanel(page, 'account-events');
  await run.openExample(/Partitions and per-key order/);
  await designer.node('account-events').click();
  await page.getByRole('button', { name: 'Open console' }).click();
  await page.screenshot({ path: path.join(SCRATCH, 'console-empty-1440.png') });
  await run.setSpeed('0.5');
  await run.playUntilEvents();
  await expect(topic.groupRow('balances')).toBeVisible();
  await expect.poll(() => topic.lag('balances'), { timeout: 20_000 }).toBeGreaterThan(0);
  await run.pause();
  const p = await topic.busiestPartition();
  await topic.partitionTab(p).click();
  await topic.entry(p, 2).click();
  await expect(run.position()).toHaveText(/^Hop 1 of \d+$/);
  await topic.replay('balances', { offset: 4 });
  await expect(topic.groupRow('balances')).toHaveAccessibleName(/lag [1-9]/);
  await page.screenshot({ path: path.join(OUT, 'topic-console.png') });
  await designer.button('Switch to dark theme').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: path.join(OUT, 'topic-console-dark.png') });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: path.join(SCRATCH, 'console-dark-1280.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await designer.button('Switch to light theme').click();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: path.join(SCRATCH, 'console-light-1280.png') });
});
