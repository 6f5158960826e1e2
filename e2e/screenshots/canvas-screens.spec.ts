import path from 'node:path';
import { expect, test } from '../fixtures';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');
test.use({ trace: 'off' });
test.setTimeout(120_000);

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
] as const;

for (const size of SIZES) {
  test(`saga and a running fan-out at ${size.width}×${size.height}, light and dark`, async ({
    designer,
    run,
    page,
  }) => {
    await page.setViewportSize(size);
    await run.openExample(/saga/i);
    await expect(designer.nodes()).toHaveCount(9);
    const shot = async (name: string) => {
      await page.screenshot({ path: path.join(OUT, `${name}-${size.width}x${size.height}.png`) });
      // At 1280 px the toolbar runs past the window's edge, so the theme button is clicked where it is.
      await designer.button('Switch to dark theme').dispatchEvent('click');
      await page.screenshot({ path: path.join(OUT, `${name}-${size.width}x${size.height}-dark.png`) });
      await designer.button('Switch to light theme').dispatchEvent('click');
    };
    await shot('canvas-saga');
    if (size.width === 1440) {
      // The slide export itself: the saga as a dark PNG, drawn from the document.
      await designer.button('Export').click();
      await page.getByRole('menuitemradio', { name: 'Dark' }).click();
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('menuitem', { name: 'Diagram as PNG' }).click(),
      ]);
      await file.saveAs(path.join(OUT, 'export-saga-dark.png'));
    }
    // The canvas is no longer empty: examples are one tab of the Open dialog.
    await designer.button('Open').click();
    const dialog = page.getByRole('dialog', { name: 'Open a flow' });
    await dialog.getByRole('tab', { name: 'Examples' }).click();
    await dialog
      .getByRole('list', { name: 'Examples' })
      .getByRole('button', { name: /Fan-out/ })
      .click();
    await expect(designer.nodes()).toHaveCount(5);
    await run.button('Play').click();
    await expect(
      designer
        .node('Analytics')
        .getByTestId(/^live\./)
        .first(),
    ).toBeVisible({ timeout: 20_000 });
    await shot('canvas-fan-out-running');
  });
}
