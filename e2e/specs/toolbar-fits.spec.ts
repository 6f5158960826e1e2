import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

test.setTimeout(60_000);

/** Every visible control of the main toolbar: where it is, and whether it is what a click at its centre hits. */
async function toolbarControls(page: Page) {
  return page.getByRole('toolbar', { name: 'Main toolbar' }).evaluate((bar) =>
    [...bar.querySelectorAll<HTMLElement>('button, input, select')]
      .filter((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().width > 2)
      .map((el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return {
          name: el.getAttribute('aria-label') ?? el.title ?? el.textContent ?? el.tagName,
          left: r.left,
          right: r.right,
          hitsItself: hit !== null && (hit === el || el.contains(hit) || hit.contains(el)),
        };
      }),
  );
}

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
] as const) {
  test(`at ${width}x${height} every toolbar control is on screen and not covered by another`, async ({
    designer: _designer,
    run,
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await run.openExample(/saga/i);
    await expect(page.getByRole('button', { name: /^Lessons/ })).toBeVisible();
    const controls = await toolbarControls(page);
    expect(controls.length).toBeGreaterThan(20);
    for (const c of controls) {
      expect.soft(c.left, `${c.name} starts on screen`).toBeGreaterThanOrEqual(0);
      expect.soft(c.right, `${c.name} ends on screen`).toBeLessThanOrEqual(width);
      expect.soft(c.hitsItself, `${c.name} is what a click at its centre reaches`).toBe(true);
    }
  });
}
