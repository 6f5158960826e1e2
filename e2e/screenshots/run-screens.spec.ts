import path from 'node:path';
import { expect, test } from '../fixtures';
import { RunPanel } from '../pages/run-panel';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');
test.use({ trace: 'off' });
test.setTimeout(120_000);

test('screenshots of a live run and of a traced event', async ({ designer, page }) => {
  const run = new RunPanel(page);
  await run.openExample(/Retries with backoff/);
  await run.setSpeed('0.5');
  await run.button('Play').click();
  await expect(designer.node('Card Charger').getByTestId('live.dead-lettered')).toBeVisible({
    timeout: 30_000,
  });
  await page.screenshot({ path: path.join(OUT, 'live-run.png') });
  // Pausing opens the Run summary: this picture is of the Events tab.
  await run.pause();

  // A dead-lettered event: its path through the charger into the DLQ, stepped to the give-up.
  await run.filterOutcome('dead-lettered');
  await expect(run.rows().first()).toHaveAccessibleName(/charger: dead-lettered/);
  await run.rows().first().click();
  await expect(page.getByTestId('explain.charger')).toContainText('dead-lettered after');
  const total = Number((await run.position().textContent())?.match(/of (\d+)/)?.[1] ?? '1');
  await page.getByRole('slider', { name: 'Hop' }).fill(String(Math.max(0, total - 4)));
  await designer.button('Zoom to fit').click();
  // The zoom eases over a few hundred ms: wait until the viewport stays put for a couple of frames.
  const viewport = () =>
    page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  const twoFrames = () =>
    page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect
    .poll(async () => {
      const before = await viewport();
      await twoFrames();
      return before === (await viewport());
    })
    .toBe(true);
  await twoFrames();
  await page.screenshot({ path: path.join(OUT, 'traced-run.png') });

  await designer.button('Switch to dark theme').click();
  await page.screenshot({ path: path.join(OUT, 'traced-run-dark.png') });
  await designer.button('Switch to light theme').click();
});
