import { expect, test } from '../fixtures';

test.setTimeout(90_000);

test('the events filter outlives a visit to the Run summary: shown again, the list keeps its filter and its rows', async ({
  designer: _designer,
  run,
  page,
}) => {
  await run.openExample(/Retries with backoff/);
  await run.setSpeed('max');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
  await run.backToEvents();
  await run.filterOutcome('dead-lettered');
  const count = page.locator('.ef-events__count');
  await expect(run.rows().first()).toHaveAccessibleName(/charger: dead-lettered/);
  const filtered = await count.innerText();

  await run.summaryTab().click();
  await expect(run.summary()).toBeVisible();
  await page.getByRole('tab', { name: /^Events/ }).click();
  // The filter bar mounts again: it shows the filter in force (it used to start from none and reset the list).
  await expect(page.getByLabel('Filter by outcome')).toHaveValue('dead-lettered');
  await expect(count).toHaveText(filtered);
  await expect(run.rows().first()).toHaveAccessibleName(/charger: dead-lettered/);
});
