import path from 'node:path';
import { expect, test } from '../fixtures';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');
test.use({ trace: 'off' });
test.setTimeout(120_000);

for (const size of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
] as const) {
  test(`a router with labelled rule handles, and a webhook, at ${size.width}×${size.height}`, async ({
    designer,
    run,
    page,
  }) => {
    await page.setViewportSize(size);
    await run.openExample(/Routing by key/);
    await expect(designer.nodes()).toHaveCount(6);
    await expect(page.getByLabel('Rule Business of Order Exchange', { exact: true })).toBeVisible();
    await designer.node('Order Exchange').click();
    await page.screenshot({ path: path.join(OUT, `router-${size.width}x${size.height}.png`) });
    await designer.button('Open').click();
    const dialog = page.getByRole('dialog', { name: 'Open a flow' });
    await dialog.getByRole('tab', { name: 'Examples' }).click();
    await dialog
      .getByRole('list', { name: 'Examples' })
      .getByRole('button', { name: /flaky webhook/i })
      .click();
    await expect(designer.nodes()).toHaveCount(5);
    await designer.node('Partner API').click();
    await page.screenshot({ path: path.join(OUT, `webhook-${size.width}x${size.height}.png`) });
    await run.button('Play').click();
    await expect(
      designer
        .node('Partner API')
        .getByTestId(/^live\./)
        .first(),
    ).toBeVisible({
      timeout: 20_000,
    });
    await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 40_000 });
    await page.screenshot({ path: path.join(OUT, `webhook-run-${size.width}x${size.height}.png`) });
  });
}
