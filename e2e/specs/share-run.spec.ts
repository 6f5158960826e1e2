import { expect, test } from '../fixtures';
import { DesignerPage } from '../pages/designer-page';
import { RunPanel, TraceClient } from '../pages/run-panel';

test.setTimeout(120_000);

test('Share this run: the downloaded file replays the run hop for hop in another browser', async ({
  designer: _designer,
  run,
  page,
  browser,
  baseURL,
}) => {
  await run.openExample(/saga/i);
  await run.button('Step').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'paused');
  // A hand-fired event mid-run is part of what is shared.
  await run.controls.getByRole('button', { name: 'Fire event' }).click();
  const fire = page.getByRole('dialog', { name: 'Fire event' });
  await fire.getByLabel('Payload').fill('{"orderId": "ORD-shared", "customerId": "c9", "total": 42}');
  await fire.getByRole('button', { name: 'Fire', exact: true }).click();
  await expect(fire.getByRole('status')).toHaveText(/^Fired e\d+$/);
  await page.keyboard.press('Escape');
  for (let i = 0; i < 6; i++) await run.button('Step').click();
  const runId = await run.runId();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    run.controls.getByTestId('run.share').click(),
  ]);
  expect(download.suggestedFilename()).toBe('A-saga-of-chained-events.replay.json');
  const file = await download.path();

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const other = await context.newPage();
  const otherDesigner = new DesignerPage(other);
  await otherDesigner.goto();
  await otherDesigner.importFile(file);
  const otherRun = new RunPanel(other);
  await expect(otherRun.controls).not.toHaveAttribute('data-run-id', '');
  await expect(otherRun.controls).toHaveAttribute('data-phase', 'paused');
  await expect(otherDesigner.node('Payment Service')).toBeVisible();
  const replayedId = await otherRun.runId();

  const mine = await TraceClient.connect(baseURL!, await run.sessionToken());
  const theirs = await TraceClient.connect(baseURL!, await otherRun.sessionToken());
  const original = await mine.allHops(runId);
  expect(original.length).toBeGreaterThan(6);
  expect(JSON.stringify(await theirs.allHops(replayedId))).toBe(JSON.stringify(original));
  mine.close();
  theirs.close();
  await context.close();
});
