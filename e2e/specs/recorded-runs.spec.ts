import { expect, test } from '../fixtures';

test.setTimeout(120_000);

test('a recorded run opens without re-running, and a design change is compared with it on the canvas', async ({
  designer,
  inspector,
  run,
  page,
  pageErrors,
}) => {
  // Record: run the retries example to its end and export its trace.
  await run.openExample(/Retries with backoff/);
  await run.setSpeed('10');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 20_000 });
  await run.backToEvents();
  const recordedId = await run.runId();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export trace (NDJSON)' }).click(),
  ]);
  const trace = await download.path();

  // Open it: a finished run at once, a different run id, with the events, path, step-through and explanation.
  await designer.importFile(trace);
  await expect(page.getByText(/^Opened the recorded run .*nothing was re-run\.$/)).toBeVisible();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed');
  expect(await run.runId()).not.toBe(recordedId);
  await run.backToEvents();
  await run.filterOutcome('dead-lettered');
  const dead = run.rows().first();
  await expect(dead).toHaveAccessibleName(/charger: dead-lettered/);
  await dead.click();
  await expect(page.getByTestId('explain.charger')).toHaveText(
    'Card Charger: dead-lettered after 4 attempts: processing failed',
  );
  await expect(run.position()).toHaveText(/^Hop 1 of \d+$/);
  await page.keyboard.press('ArrowRight');
  await expect(run.position()).toHaveText(/^Hop 2 of \d+$/);
  await expect(run.currentNode()).toHaveCount(1);

  // Change the design: the charger fails far less often. Run it again.
  await designer.node('Card Charger').getByText('Card Charger', { exact: true }).click();
  await inspector.set(/^Failure rate/, '0.05');
  await inspector.field(/^Failure rate/).press('Tab');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 20_000 });
  await expect(run.summaryTab()).toHaveAttribute('aria-selected', 'true');

  // Compare with the recorded run: +/- on the canvas, deltas in the summary, the events that ended differently.
  await page.getByTestId('compare.file').setInputFiles(trace);
  const panel = page.getByTestId('compare.panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('node.charger.delta.deadLettered')).toHaveText(/^−\d+ dead-lettered$/);
  await expect(page.getByTestId('node.charger.delta.deadLettered')).toHaveClass(/is-better/);
  await expect(page.getByTestId('node.dlq-inspector.delta')).toBeVisible();
  await expect(panel.getByRole('table', { name: 'Recorded vs This run' })).toContainText('Dead-lettered');
  await expect(page.getByTestId('compare.changed.count')).toHaveText(/^\d+ events? ended differently/);
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]) {
    await page.setViewportSize(size);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath(`recorded-runs-compare-${size.width}.png`) });
  }

  const changed = panel.getByRole('button', { name: /^e\d+$/ }).first();
  const eventId = (await changed.textContent()) ?? '';
  await changed.click();
  await expect(page.getByTestId('compare.before-path')).toContainText('dead-lettered at charger');
  // The current run's path of the same event is selected for stepping, as any event is.
  await page.getByRole('tab', { name: /^Events/ }).click();
  await expect(run.position()).toHaveText(/^Hop \d+ of \d+$/);
  await expect(page.getByTestId('explain.charger')).toContainText('Card Charger:');
  expect(eventId).toMatch(/^e\d+$/);
  expect(pageErrors).toEqual([]);
});
