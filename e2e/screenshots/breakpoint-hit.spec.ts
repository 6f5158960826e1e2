import path from 'node:path';
import { expect, test } from '../fixtures';
import { RunPanel } from '../pages/run-panel';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');
/** Looked at during review; only the 1440×900 pair is kept in docs/screenshots. */
const SCRATCH = path.resolve(import.meta.dirname, '../../test-results/screens');
test.use({ trace: 'off' });
test.setTimeout(120_000);

test('screenshots of a conditional breakpoint hit', async ({ designer, page }) => {
  const run = new RunPanel(page);
  await run.openExample(/Fan-out to independent groups/);
  await page.getByRole('tab', { name: /^Breakpoints/ }).click();
  const form = page.getByRole('form', { name: 'Add a breakpoint' });
  await form.getByLabel('Node', { exact: true }).selectOption({ label: 'Billing' });
  await form.getByLabel(/^Condition/).fill('data.total > 100 && type == "OrderPlaced"');
  await form.getByRole('button', { name: 'Add breakpoint' }).click();
  await expect(designer.node('Billing').getByRole('img', { name: 'Breakpoint' })).toBeVisible();
  await run.button('Play').click();
  const banner = page.getByRole('status', { name: 'Paused at breakpoint' });
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('hop.node')).toHaveText('Billing');
  // Pausing opens the Run summary; the picture is of the hop the run paused on, in the Events tab.
  const events = page.getByRole('tab', { name: /^Events/ });
  if ((await events.getAttribute('aria-selected')) !== 'true') await events.click();
  await expect(run.hopCard()).toBeVisible();
  // The banner sits over the top of the canvas, where the framing put Billing: pan it into view, as a user would.
  const pane = (await page.locator('.ef-canvas').boundingBox())!;
  await page.mouse.move(pane.x + 120, pane.y + pane.height - 120);
  await page.mouse.down();
  await page.mouse.move(pane.x + 120, pane.y + pane.height - 40, { steps: 5 });
  await page.mouse.up();
  await page.screenshot({ path: path.join(OUT, 'breakpoint-hit.png') });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: path.join(SCRATCH, 'breakpoint-hit-light-1280.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await designer.button('Switch to dark theme').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: path.join(OUT, 'breakpoint-hit-dark.png') });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: path.join(SCRATCH, 'breakpoint-hit-dark-1280.png') });
});
