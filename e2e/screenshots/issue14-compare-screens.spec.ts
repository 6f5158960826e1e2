import { expect, test } from '../fixtures';
import { SIZES, shot } from './shots';

test.use({ trace: 'off' });
test.setTimeout(150_000);

for (const size of SIZES) {
  const at = `${size.width}x${size.height}`;

  test(`a design change compared with the recorded run, a changed event stepped on both sides, at ${at}`, async ({
    designer,
    inspector,
    run,
    page,
  }) => {
    await page.setViewportSize(size);
    await run.openExample(/Retries with backoff/);
    await run.setSpeed('max');
    await run.button('Play').click();
    await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 45_000 });
    await run.backToEvents();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export trace (NDJSON)' }).click(),
    ]);
    const trace = await download.path();
    await designer.node('Card Charger').getByText('Card Charger', { exact: true }).click();
    await inspector.set(/^Failure rate/, '0.05');
    await inspector.field(/^Failure rate/).press('Tab');
    await run.button('Play').click();
    await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 45_000 });
    await page.getByTestId('compare.file').setInputFiles(trace);
    const panel = page.getByTestId('compare.panel');
    await expect(panel).toBeVisible();
    await panel
      .getByRole('button', { name: /^e\d+$/ })
      .first()
      .click();
    await page.getByTestId('compare.before.next').click();
    await expect(page.getByTestId('compare.before.position')).toHaveText(/^Hop 2 of \d+$/);
    await page.getByTestId('compare.before-path').scrollIntoViewIfNeeded();
    await shot(page, designer, `compare-recorded-${at}`);
  });
}
