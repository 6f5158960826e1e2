import path from 'node:path';
import { expect, test } from '../fixtures';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');

test('screenshots of the designer in light and dark', async ({ designer, page }) => {
  await page.getByRole('button', { name: 'Browse examples' }).click();
  await page
    .getByRole('dialog', { name: 'Open a flow' })
    .getByRole('button', { name: /Content filtering and routing/ })
    .click();
  await expect(designer.nodes()).toHaveCount(9);
  await designer.button('Auto-layout').click();
  await designer.button('Zoom to fit').click();
  const firstFilter = designer.canvas
    .locator('[aria-roledescription="node"]')
    .filter({ hasText: 'Filter' })
    .first();
  await firstFilter.click();
  await expect(
    page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Expression preview'),
  ).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.getAnimations().length)).toBe(0);
  await page.screenshot({ path: path.join(OUT, 'designer.png') });
  await designer.button('Switch to dark theme').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: path.join(OUT, 'designer-dark.png') });

  await designer.clearCanvas();
  await page.screenshot({ path: path.join(OUT, 'empty-state-dark.png') });
});
