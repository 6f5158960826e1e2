import path from 'node:path';
import { expect, test } from '../fixtures';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');
/** Sizes worth looking at; only the first is kept under docs/, the rest go to test-results for review. */
const SIZES = [
  { width: 1440, height: 900, keep: true },
  { width: 1280, height: 720, keep: false },
] as const;

test('screenshots of the Run summary and the examples gallery, light and dark', async ({
  designer: _designer,
  run,
  page,
}, testInfo) => {
  await page.getByRole('button', { name: 'Browse examples' }).click();
  const gallery = page.getByRole('dialog', { name: 'Open a flow' });
  await expect(gallery.getByRole('list', { name: 'Examples' })).toBeVisible();
  await page.screenshot({ path: path.join(OUT, 'examples-gallery.png') });
  await page.keyboard.press('Escape');

  await run.openExample(/Exactly-once through idempotency/);
  await run.setSpeed('max');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
  await expect(run.summary()).toBeVisible();
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') {
      // At 1280 the toolbar's right end is cut off (the theme button with it): switch at full width.
      await page.setViewportSize(SIZES[0]);
      await page.getByRole('button', { name: 'Switch to dark theme' }).click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    }
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expect(run.summary()).toBeVisible();
      const name = `run-summary${theme === 'dark' ? '-dark' : ''}`;
      await page.screenshot({
        path: size.keep ? path.join(OUT, `${name}.png`) : testInfo.outputPath(`${name}-${size.width}.png`),
      });
    }
  }
});
