import { readFile, writeFile } from 'node:fs/promises';
import { expect, test } from '../fixtures';

/** The trace again and again, each copy's events renamed and later in time: a long recording of one flow. */
function repeatTrace(ndjson: string, atLeast: number): { text: string; hops: number } {
  const once = ndjson
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { seq: number; t: number; event: string; parent?: string });
  const span = (once.at(-1)?.t ?? 0) + 1;
  const out: string[] = [];
  for (let k = 0; out.length < atLeast; k++)
    for (const h of once)
      out.push(
        JSON.stringify({
          ...h,
          seq: out.length + 1,
          t: h.t + k * span,
          event: `${h.event}.${k}`,
          ...(h.parent === undefined ? {} : { parent: `${h.parent}.${k}` }),
        }),
      );
  return { text: `${out.join('\n')}\n`, hops: out.length };
}

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
  // The inspector reads the dead letters: fewer of them acked is the flow failing less, neither better nor worse.
  await expect(page.getByTestId('node.dlq-inspector.delta.acked')).toHaveText(/^−\d+ acked$/);
  await expect(page.getByTestId('node.dlq-inspector.delta.acked')).toHaveClass(/is-neutral/);
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
  const before = page.getByTestId('compare.before-path');
  await expect(before).toContainText('dead-lettered at Card Charger');
  // Every recorded hop carries its number on its first line, the long retry-scheduled ones too.
  const hops = before.getByRole('listitem');
  await expect(hops.filter({ hasText: 'retry-scheduled' }).first()).toBeVisible();
  for (const [i, hop] of (await hops.all()).entries()) {
    const number = hop.locator('.ef-summary__hop-n');
    await expect(number).toHaveText(`${i + 1}.`);
    const [n, b] = [await number.boundingBox(), await hop.getByRole('button').boundingBox()];
    expect(n && b && Math.abs(n.y - b.y), `hop ${i + 1}'s number beside its first line`).toBeLessThan(4);
  }
  // The recorded side steps hop by hop, and ("step this run too") moves the current path along with it.
  await expect(page.getByTestId('compare.before.position')).toHaveText(/^Hop 1 of \d+$/);
  await expect(page.getByTestId('compare.step-both')).toBeChecked();
  await page.getByTestId('compare.before.next').click();
  await page.getByTestId('compare.before.next').click();
  await expect(page.getByTestId('compare.before.position')).toHaveText(/^Hop 3 of \d+$/);
  await expect(before.locator('li[aria-current="step"]')).toHaveCount(1);
  await page.getByTestId('compare.before.prev').click();
  await expect(page.getByTestId('compare.before.position')).toHaveText(/^Hop 2 of \d+$/);
  // The current run's path of the same event is selected for stepping, as any event is, two hops in.
  await page.getByRole('tab', { name: /^Events/ }).click();
  await expect(run.position()).toHaveText(/^Hop 2 of \d+$/);
  await expect(page.getByTestId('explain.charger')).toContainText('Card Charger:');
  expect(eventId).toMatch(/^e\d+$/);
  expect(pageErrors).toEqual([]);
});

test('a recorded run above the socket cap is uploaded, opened and stepped through', async ({
  designer,
  run,
  page,
  pageErrors,
}) => {
  await run.openExample(/Retries with backoff/);
  await run.setSpeed('10');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 20_000 });
  await run.backToEvents();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export trace (NDJSON)' }).click(),
  ]);
  const big = repeatTrace(await readFile(await download.path(), 'utf8'), 60_000);
  const file = test.info().outputPath('large.trace.ndjson');
  await writeFile(file, big.text);

  await designer.importFile(file);
  await expect(page.getByText(/^Opened the recorded run .*nothing was re-run\.$/)).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByText(`(${big.hops.toLocaleString('en-US')} hops)`, { exact: false })).toBeVisible();
  await expect(page.getByTestId('recorded.progress')).toHaveCount(0);
  await expect(run.controls).toHaveAttribute('data-phase', 'completed');
  await run.backToEvents();
  await run.filterOutcome('dead-lettered');
  const dead = run.rows().first();
  await expect(dead).toHaveAccessibleName(/charger: dead-lettered/);
  await dead.click();
  await expect(run.position()).toHaveText(/^Hop 1 of \d+$/);
  await page.keyboard.press('ArrowRight');
  await expect(run.position()).toHaveText(/^Hop 2 of \d+$/);
  await expect(run.currentNode()).toHaveCount(1);
  expect(pageErrors).toEqual([]);
});
