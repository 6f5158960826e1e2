import { expect, test } from '../fixtures';
import type { Locator, Page } from '@playwright/test';
import { RunPanel } from '../pages/run-panel';

test.setTimeout(90_000);

/** WCAG contrast of an element's text against the first opaque background at or above it. */
async function contrastOf(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const rgba = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r = 0, g = 0, b = 0]: number[]) => {
      const ch = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
    };
    let node: Element | null = el;
    let bg = [255, 255, 255];
    while (node) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c.length >= 3 && (c[3] ?? 1) > 0.5) {
        bg = c;
        break;
      }
      node = node.parentElement;
    }
    const fg = lum(rgba(getComputedStyle(el).color));
    const back = lum(bg);
    return (Math.max(fg, back) + 0.05) / (Math.min(fg, back) + 0.05);
  });
}

const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

test('the Fire event popover has a Fire button readable in both themes', async ({ designer, page }) => {
  const run = new RunPanel(page);
  await run.openExample(/saga/i);
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await designer.button('Switch to dark theme').click();
    await run.controls.getByRole('button', { name: 'Fire event' }).click();
    const popover = page.getByRole('dialog', { name: 'Fire event' });
    const fire = popover.getByRole('button', { name: 'Fire', exact: true });
    await expect(fire).toBeVisible();
    expect(await contrastOf(fire), `Fire button contrast (${theme})`).toBeGreaterThanOrEqual(4.5);
    // A filled button, not a bare word on the popover: its own background differs from the popover's.
    const [own, around] = await fire.evaluate((el) => [
      getComputedStyle(el).backgroundColor,
      getComputedStyle(el.closest('[role="dialog"]')!).backgroundColor,
    ]);
    expect(own).not.toBe(around);
    await popover.screenshot({ path: test.info().outputPath(`fire-popover-${theme}.png`) });
    await page.keyboard.press('Escape');
    await expect(popover).toBeHidden();
  }
});

test('Play on a flow without a producer says what to add and starts nothing', async ({ designer, page }) => {
  const run = new RunPanel(page);
  await designer.add('Topic');
  await run.button('Play').click();
  await expect(page.getByRole('status').filter({ hasText: 'Add a producer to run this flow' })).toBeVisible();
  await expect(run.controls).toHaveAttribute('data-run-id', '');
  await expect(run.controls).toHaveAttribute('data-phase', 'idle');
});

test('Step back shows the clock at that hop’s time, says so, and Back to live returns', async ({
  designer: _designer,
  page,
}) => {
  const run = new RunPanel(page);
  await run.openExample(/saga/i);
  for (let i = 0; i < 12; i++) await run.button('Step').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'paused');
  const liveText = (await run.clock().textContent()) ?? '';
  const liveT = Number(await run.clock().getAttribute('data-t'));
  expect(liveT).toBeGreaterThan(0);
  const note = page.getByRole('status', { name: 'Back in time' });
  await expect(note).toHaveCount(0);
  for (let i = 0; i < 10; i++) await run.button('Step back').click();
  await expect(note).toContainText(/Viewing hop \d+ of \d+ · back in time/);
  await expect.poll(async () => Number(await run.clock().getAttribute('data-t'))).toBeLessThan(liveT);
  await expect(run.clock()).not.toHaveText(liveText);
  await note.getByRole('button', { name: 'Back to live' }).click();
  await expect(note).toHaveCount(0);
  await expect(run.clock()).toHaveText(liveText);
});

test('Space plays and pauses, “.” steps and “,” steps back; the help lists them', async ({
  designer: _designer,
  page,
}) => {
  const run = new RunPanel(page);
  await run.openExample(/saga/i);
  await blur(page);
  await page.keyboard.press('.');
  await expect(run.controls).toHaveAttribute('data-phase', 'paused');
  await page.keyboard.press('.');
  await page.keyboard.press('.');
  await page.keyboard.press(',');
  await expect(page.getByRole('status', { name: 'Back in time' })).toContainText('back in time');
  await page.keyboard.press('Space');
  await expect(run.controls).toHaveAttribute('data-phase', 'running');
  await page.keyboard.press('Space');
  await expect(run.controls).toHaveAttribute('data-phase', 'paused');
  // Pausing a playing run opens its Run summary; the type filter is on the Events tab.
  await run.backToEvents();
  // In a text field the keys type: nothing starts.
  await page.getByLabel('Filter by type').fill('');
  await page.getByLabel('Filter by type').press('Space');
  await expect(run.controls).toHaveAttribute('data-phase', 'paused');
  await blur(page);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  for (const [key, what] of [
    ['Space', 'Play / pause'],
    ['.', 'Step'],
    [',', 'Step back'],
  ] as const)
    await expect(help.getByRole('row').filter({ has: page.getByText(key, { exact: true }) })).toContainText(
      what,
    );
});

test('a reload in the middle of a run keeps its events and clock', async ({ designer: _designer, page }) => {
  const run = new RunPanel(page);
  await run.openExample(/saga/i);
  await run.setSpeed('0.1'); // slow enough that the short saga is still running when paused
  await run.playUntilEvents();
  await run.pause();
  const runId = await run.runId();
  const count = page.getByText(/^[\d,]+ events?$/);
  await expect(count).toBeVisible();
  // The list's last refresh answers after the pause (hops that were already on their way): read the count once
  // two readings a refresh apart agree, or the reload is compared with a count from before the run stopped.
  let events = '';
  await expect(async () => {
    const before = (await count.textContent()) ?? '';
    await page.waitForTimeout(1_200);
    events = (await count.textContent()) ?? '';
    expect(events).toBe(before);
  }).toPass({ timeout: 15_000 });
  const clock = (await run.clock().textContent()) ?? '';
  expect(clock).not.toBe('0 ms');

  await page.reload();
  await expect(run.controls).toHaveAttribute('data-run-id', runId);
  await expect(page.getByRole('dialog', { name: 'Restore draft?' })).toHaveCount(0);
  await expect(run.controls).toHaveAttribute('data-phase', 'paused');
  await expect(run.clock()).toHaveText(clock);
  await expect(page.getByText(events, { exact: true })).toBeVisible();
  await expect(run.rows().first()).toBeVisible();
  // Still this tab's run: it plays on (to its end: the saga is short).
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', /running|completed/);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a reload after the server dropped the run says the run is gone', async ({
  designer: _designer,
  page,
}) => {
  const run = new RunPanel(page);
  await run.openExample(/saga/i);
  await run.button('Step').click();
  await run.runId();
  // The tab remembers a run the server has never heard of (as after the 60 s an unwatched run is kept).
  await page.evaluate(() => {
    const raw = sessionStorage.getItem('eventflow.run') ?? '{}';
    sessionStorage.setItem('eventflow.run', JSON.stringify({ ...JSON.parse(raw), runId: 'run-gone' }));
  });
  await page.reload();
  await expect(
    page.getByRole('alert').filter({ hasText: 'The run from before the reload has ended' }),
  ).toBeVisible();
  await expect(run.controls).toHaveAttribute('data-run-id', '');
});
