import { expect, test } from '../fixtures';

test.setTimeout(90_000);

for (const size of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
]) {
  test(`the Run summary's latency table shows every column beside the inspector at ${size.width}x${size.height}`, async ({
    designer,
    run,
    page,
  }, testInfo) => {
    await page.setViewportSize(size);
    // Nine nodes and four groups: the widest tables of the examples.
    await run.openExample(/A saga of chained events/);
    await run.setSpeed('max');
    await run.button('Play').click();
    await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
    await designer.node('Checkout Orchestrator').getByText('Checkout Orchestrator', { exact: true }).click();
    await expect(page.getByRole('textbox', { name: 'Label' })).toHaveValue('Checkout Orchestrator');
    // Selecting a node keeps the Run summary open (a second click on its tab would fold the dock).
    await expect(run.summaryTab()).toHaveAttribute('aria-selected', 'true');
    const summary = run.summary();
    const latency = summary.getByRole('table', { name: 'Latency percentiles' });
    await expect(latency).toBeVisible();
    const panel = await summary.boundingBox();
    for (const column of ['n', 'p50', 'p95', 'p99', 'max']) {
      const header = await latency.getByRole('columnheader', { name: column, exact: true }).boundingBox();
      expect(header && panel, column).toBeTruthy();
      if (!header || !panel) continue;
      expect(header.x + header.width, `${column} ends inside the panel`).toBeLessThanOrEqual(
        panel.x + panel.width,
      );
    }
    // Nothing of it hidden behind a sideways scroll either.
    const section = summary.getByRole('region', { name: 'Latency', exact: true });
    await page.screenshot({ path: testInfo.outputPath('summary.png') });
    const clipped = await section.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(clipped).toBeLessThanOrEqual(0);
  });
}
