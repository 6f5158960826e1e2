import { expect, test } from '../fixtures';
import { SIZES, shot } from './shots';

test.use({ trace: 'off' });
test.setTimeout(90_000);

for (const size of SIZES) {
  const at = `${size.width}x${size.height}`;

  test(`the saga's Run summary beside the open inspector, at ${at}`, async ({ designer, run, page }) => {
    await page.setViewportSize(size);
    await run.openExample(/A saga of chained events/);
    await run.setSpeed('max');
    await run.button('Play').click();
    await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
    await designer.node('Checkout Orchestrator').getByText('Checkout Orchestrator', { exact: true }).click();
    await expect(run.summary().getByRole('table', { name: 'Latency percentiles' })).toBeVisible();
    await run.summary().getByRole('region', { name: 'Latency', exact: true }).scrollIntoViewIfNeeded();
    await shot(page, designer, `run-summary-inspector-${at}`);
  });
}
