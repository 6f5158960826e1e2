import { expect, test } from '../fixtures';
import { LessonsPanel } from '../pages/lessons-panel';

test.setTimeout(120_000);

test('a lesson: open its example, check the run (fails with a reason), fix it in the inspector, check again (passes)', async ({
  designer,
  inspector,
  run,
  page,
  pageErrors,
}) => {
  const lessons = new LessonsPanel(page);
  await lessons.toggle();
  await expect(lessons.root).toBeVisible();
  await expect(lessons.lesson('retries-dead-letter')).toContainText('Retries and dead-letter queues');
  await lessons.unfold('retries-dead-letter');
  await expect(lessons.lesson('retries-dead-letter')).toContainText('Dead-letter no charge');
  await lessons.openExample('retries-dead-letter');
  await expect(designer.node('Card Charger')).toBeVisible();

  await run.setSpeed('max');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 60_000 });
  await lessons.check('retries-dead-letter');
  await expect(lessons.result('retries-dead-letter')).toContainText('Not yet');
  await expect(lessons.result('retries-dead-letter')).toContainText(
    /\d+ events? (was|were) dead-lettered \(charger: \d+\)/,
  );

  // The panel makes room for the canvas while the learner edits; its results stay.
  await page.keyboard.press('Shift+L');
  await expect(lessons.root).toBeHidden();
  await designer.node('Card Charger').getByText('Card Charger', { exact: true }).click();
  await inspector.set('Max attempts', '10');
  await inspector.field('Max attempts').press('Tab');

  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 60_000 });
  await lessons.toggle();
  await expect(lessons.result('retries-dead-letter')).toContainText('Not yet');
  await lessons.check('retries-dead-letter');
  await expect(lessons.result('retries-dead-letter')).toContainText('Passed');
  await expect(lessons.result('retries-dead-letter')).toContainText('Nothing was dead-lettered in charger.');
  expect(pageErrors).toEqual([]);
});
