import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { RunPanel } from '../pages/run-panel';
import { WorkshopPage } from '../pages/workshop';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');
const LOOK = path.resolve(import.meta.dirname, '../../test-results/extra/look');
test.use({ trace: 'off' });
test.setTimeout(120_000);

const settled = (page: Page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

test('screenshots of a workshop: the presenter with the room card, an attendee following', async ({
  designer,
  page,
  browser,
}) => {
  const run = new RunPanel(page);
  const presenter = new WorkshopPage(page);
  await run.openExample(/Retries with backoff/);
  const { url } = await presenter.start('Ada');
  const contexts = await Promise.all(
    ['Ann', 'Ben', 'Cleo'].map(() => browser.newContext({ viewport: { width: 1440, height: 900 } })),
  );
  const pages = await Promise.all(contexts.map((c) => c.newPage()));
  try {
    const [annPage, ...others] = pages as [Page, ...Page[]];
    const ann = new WorkshopPage(annPage);
    await ann.joinByLink(url, 'Ann Lovelace');
    for (const [i, p] of others.entries())
      await new WorkshopPage(p).joinByLink(url, ['Ben', 'Cleo'][i] ?? 'X');
    await expect(presenter.attendees()).toHaveCount(3);

    await run.setSpeed('0.5');
    await run.playUntilEvents();
    await run.pause();
    await run.rows().first().click();
    await run.stepper.getByRole('button', { name: 'Next hop' }).click();
    await designer.node('Card Charger').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Spotlight for attendees' }).click();
    await expect(ann.page.getByTestId('workshop.spotlight')).toBeVisible();
    const box = await designer.node('Card Charger').boundingBox();
    if (box) await page.mouse.move(box.x + box.width + 30, box.y + box.height / 2, { steps: 4 });
    await expect(ann.page.getByTestId('workshop.pointer')).toBeVisible();
    await expect(ann.page.locator('.ef-detail')).toBeVisible();

    await settled(page);
    await settled(annPage);
    await page.screenshot({ path: path.join(OUT, 'workshop-presenter.png') });
    await annPage.screenshot({ path: path.join(OUT, 'workshop-attendee.png') });

    // Both sides composed for the README: two screenshots in one page.
    const side = await browser.newPage({ viewport: { width: 2000, height: 640 } });
    const img = (file: string) =>
      `data:image/png;base64,${readFileSync(path.join(OUT, file)).toString('base64')}`;
    await side.setContent(`<!doctype html><html><body style="margin:0;background:#e9ebf0;font:600 18px system-ui,sans-serif;color:#333">
      <div style="display:flex;gap:24px;padding:20px 24px;align-items:flex-start">
        <figure style="margin:0;flex:1"><figcaption style="margin:0 0 8px">Presenter</figcaption>
          <img src="${img('workshop-presenter.png')}" style="width:100%;border-radius:8px;box-shadow:0 6px 24px rgb(0 0 0 / 18%)"></figure>
        <figure style="margin:0;flex:1"><figcaption style="margin:0 0 8px">Attendee (following)</figcaption>
          <img src="${img('workshop-attendee.png')}" style="width:100%;border-radius:8px;box-shadow:0 6px 24px rgb(0 0 0 / 18%)"></figure>
      </div></body></html>`);
    await side.screenshot({ path: path.join(OUT, 'workshop-side-by-side.png'), fullPage: true });
    await side.close();

    // The smaller laptop screen, and the dark theme, for looking (not for the README).
    await page.setViewportSize({ width: 1280, height: 720 });
    await annPage.setViewportSize({ width: 1280, height: 720 });
    await settled(page);
    await page.screenshot({ path: path.join(LOOK, 'workshop-presenter-1280.png') });
    await annPage.screenshot({ path: path.join(LOOK, 'workshop-attendee-1280.png') });
    await annPage.getByRole('button', { name: 'Switch to dark theme' }).click();
    await ann.pan();
    await expect(ann.indicator).toHaveAttribute('data-mode', 'free');
    await annPage.screenshot({ path: path.join(LOOK, 'workshop-attendee-dark-free.png') });
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await page.screenshot({ path: path.join(LOOK, 'workshop-presenter-dark.png') });
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
