import path from 'node:path';
import { expect, test } from '../fixtures';
import { LessonsPanel } from '../pages/lessons-panel';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');
/** Sizes worth looking at; only the first is kept under docs/, the rest go to test-results for review. */
const SIZES = [
  { width: 1440, height: 900, keep: true },
  { width: 1280, height: 720, keep: false },
] as const;

test('screenshots of the Lessons panel with a failed check, light and dark', async ({
  run,
  page,
}, testInfo) => {
  await page.goto('/');
  const lessons = new LessonsPanel(page);
  await page.keyboard.press('Shift+L');
  await expect(lessons.root).toBeVisible();
  await lessons.unfold('retries-dead-letter');
  await lessons.openExample('retries-dead-letter');
  await run.setSpeed('max');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 60_000 });
  await lessons.check('retries-dead-letter');
  await expect(lessons.result('retries-dead-letter')).toContainText('Not yet');
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') {
      await page.setViewportSize(SIZES[0]);
      await page.getByRole('button', { name: 'Switch to dark theme' }).click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    }
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const name = `lessons-panel${theme === 'dark' ? '-dark' : ''}`;
      await page.screenshot({
        path: size.keep ? path.join(OUT, `${name}.png`) : testInfo.outputPath(`${name}-${size.width}.png`),
      });
    }
  }
});
