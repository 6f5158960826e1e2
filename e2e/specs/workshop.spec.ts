import type { Browser, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { DesignerPage } from '../pages/designer-page';
import { RunPanel } from '../pages/run-panel';
import { WorkshopPage } from '../pages/workshop';

test.setTimeout(180_000);

/** An attendee: a new user in a browser context of their own (own storage, own session). */
async function attendee(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors, run: new RunPanel(page), workshop: new WorkshopPage(page) };
}

test('a presenter runs a flow live for three attendees who follow, pan away, fork and see it end', async ({
  designer: _designer,
  page,
  run,
  browser,
  pageErrors,
}) => {
  const presenter = new WorkshopPage(page);
  await run.openExample(/Retries with backoff/);
  const { code, url } = await presenter.start('Ada');
  expect(url).toMatch(new RegExp(`/\\?join=${code.replace('-', '')}$`));
  // The presenter key is the tab's secret: never in the link or on screen.
  const key = await page.evaluate(
    () => JSON.parse(sessionStorage.getItem('eventflow.workshop') ?? '{}').presenterKey,
  );
  expect(key).toBeTruthy();
  expect(url).not.toContain(key);
  await expect(page.locator('body')).not.toContainText(key);
  await expect(presenter.panel.getByText('Nobody has joined yet')).toBeVisible();

  const ann = await attendee(browser);
  const ben = await attendee(browser);
  const cleo = await attendee(browser);
  try {
    // One joins by the link, one types the code as read off the screen (lower case is fine).
    await ann.workshop.joinByLink(url, 'Ann');
    await ben.workshop.joinByCode(code.toLowerCase(), 'Ben');
    await expect(presenter.attendees()).toHaveCount(2);
    await expect(presenter.attendees().filter({ hasText: 'Ann' })).toContainText('connected');
    for (const a of [ann, ben]) {
      await expect(a.workshop.indicator).toHaveText(/Following Ada/);
      await expect(new DesignerPage(a.page).node('Card Charger')).toBeVisible();
      // Read-only: no palette, no editing toolbar, the run controls say whose run it is.
      await expect(a.page.getByRole('navigation', { name: 'Palette' })).toHaveCount(0);
      await expect(a.page.getByTestId('run.presenter-controls')).toHaveText('Ada controls this run');
    }

    // The presenter runs; attendees see the same run.
    await run.setSpeed('0.5');
    await run.playUntilEvents();
    await run.pause();
    const runId = await run.runId();
    for (const a of [ann, ben]) {
      await expect(a.run.controls).toHaveAttribute('data-run-id', runId);
      await expect(a.run.controls).toHaveAttribute('data-phase', 'paused');
    }

    // The presenter selects an event and steps through it hop by hop; attendees are on the same hop.
    await run.rows().first().click();
    await expect(run.position()).toHaveText(/^Hop 1 of \d+$/);
    const eventLabel = (await run.detail.getAttribute('aria-label')) ?? '';
    for (let step = 0; step < 2; step++) {
      await run.stepper.getByRole('button', { name: 'Next hop' }).click();
      const position = (await run.position().textContent()) ?? '';
      const node = await presenter.currentHopNode();
      for (const a of [ann, ben]) {
        await expect(a.page.locator('.ef-detail')).toHaveAttribute('aria-label', eventLabel);
        await expect(a.run.position()).toHaveText(position);
        await expect.poll(() => a.workshop.currentHopNode()).toBe(node);
      }
    }

    // A late joiner gets the run, the selected event and the hop at once.
    await cleo.workshop.joinByLink(url, 'Cleo');
    await expect(cleo.run.controls).toHaveAttribute('data-run-id', runId);
    await expect(cleo.page.locator('.ef-detail')).toHaveAttribute('aria-label', eventLabel);
    await expect(cleo.run.position()).toHaveText((await run.position().textContent()) ?? '');
    await expect(presenter.attendees()).toHaveCount(3);

    // Ann pans away: she stops following, then follows again.
    await ann.workshop.pan();
    await expect(ann.workshop.indicator).toHaveAttribute('data-mode', 'free');
    await expect(ann.workshop.indicator).toHaveText(/Not following Ada/);
    await ann.workshop.button('Follow again').click();
    await expect(ann.workshop.indicator).toHaveAttribute('data-mode', 'following');

    // Ben forks and runs a sandbox of his own; the presenter's run does not move.
    await ben.workshop.button('Fork').click();
    await expect(ben.workshop.indicator).toHaveAttribute('data-mode', 'sandbox');
    await expect(ben.page.getByRole('navigation', { name: 'Palette' })).toBeVisible();
    await ben.run.button('Play').click();
    await expect(ben.run.controls).not.toHaveAttribute('data-run-id', '');
    await expect(ben.run.controls).not.toHaveAttribute('data-run-id', runId);
    await expect(ben.run.controls).toHaveAttribute('data-phase', /^(running|completed)$/);
    await expect(run.controls).toHaveAttribute('data-phase', 'paused');
    await expect(run.controls).toHaveAttribute('data-run-id', runId);
    await expect(ann.run.controls).toHaveAttribute('data-run-id', runId);

    // The presenter ends the workshop: every attendee is told.
    await presenter.end();
    for (const a of [ann, ben, cleo]) {
      await expect(a.workshop.ended).toBeVisible();
      await expect(a.workshop.ended).toContainText('The workshop has ended');
    }
    // Ben's fork is his: it is still there to open.
    await ben.page.getByRole('button', { name: 'Open my fork' }).click();
    await expect(ben.page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(/\(my copy\)$/);
    for (const a of [ann, ben, cleo]) expect(a.errors).toEqual([]);
  } finally {
    await Promise.all([ann, ben, cleo].map((a) => a.context.close()));
  }
  expect(pageErrors).toEqual([]);
});

test('presenter tools reach attendees: bring everyone back, a spotlight and a labelled pointer; a wrong code is explained', async ({
  designer,
  page,
  run,
  browser,
  pageErrors,
}) => {
  const presenter = new WorkshopPage(page);
  await run.openExample(/Retries with backoff/);
  const { code } = await presenter.start('Ada');
  const dee = await attendee(browser);
  try {
    // A code that no workshop has: said so, and the dialog stays for another try.
    await dee.page.goto('/');
    await dee.page
      .getByRole('toolbar', { name: 'Main toolbar' })
      .getByRole('button', { name: 'Join a workshop' })
      .click();
    const dialog = dee.page.getByRole('dialog', { name: 'Join a workshop' });
    await dialog.getByLabel('Workshop code').fill('ZZZ-999');
    await dialog.getByLabel('Your name').fill('Dee');
    await dialog.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/No workshop has the code ZZZ-999/);
    await dialog.getByLabel('Workshop code').fill(code);
    await dialog.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(dee.workshop.indicator).toHaveText(/Following Ada/);

    // Panned away, then in a sandbox: "Bring everyone to me" brings her back each time.
    await dee.workshop.pan();
    await expect(dee.workshop.indicator).toHaveAttribute('data-mode', 'free');
    await presenter.panel.getByRole('button', { name: 'Bring everyone to me' }).click();
    await expect(dee.workshop.indicator).toHaveAttribute('data-mode', 'following');
    await dee.workshop.button('Fork').click();
    await expect(dee.workshop.indicator).toHaveAttribute('data-mode', 'sandbox');
    await presenter.panel.getByRole('button', { name: 'Bring everyone to me' }).click();
    await expect(dee.workshop.indicator).toHaveAttribute('data-mode', 'following');
    await expect(dee.page.getByRole('textbox', { name: 'Flow name' })).not.toHaveValue(/my copy/);

    // A spotlight on one node, from the node's menu.
    await designer.node('Card Charger').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Spotlight for attendees' }).click();
    await expect(dee.page.getByTestId('workshop.spotlight')).toHaveAttribute('data-node', 'charger');

    // The presenter's pointer, as a cursor labelled with the presenter's name.
    const box = await designer.node('Card Charger').boundingBox();
    if (!box) throw new Error('no node');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height + 40, { steps: 5 });
    await expect(dee.page.getByTestId('workshop.pointer')).toHaveText('Ada');
    await page.mouse.move(5, box.y + box.height + 40);
    await expect(dee.page.getByTestId('workshop.pointer')).toHaveCount(0);

    // Reloads: the attendee comes back following, the presenter comes back presenting the same room.
    await dee.page.reload();
    await expect(dee.workshop.indicator).toHaveAttribute('data-mode', 'following');
    await expect(dee.page.getByTestId('workshop.spotlight')).toHaveAttribute('data-node', 'charger');
    await page.reload();
    await expect(presenter.panel.getByTestId('workshop.code')).toHaveText(code);
    // No run was going, so the presenter is asked about the draft as after any reload.
    await page
      .getByRole('dialog', { name: 'Restore draft?' })
      .getByRole('button', { name: 'Restore draft' })
      .click();
    await expect(designer.node('Card Charger')).toBeVisible();
    await expect(presenter.attendees()).toHaveCount(1);
    await presenter.panel.getByRole('button', { name: 'Bring everyone to me' }).click();
    await dee.workshop.pan();
    await expect(dee.workshop.indicator).toHaveAttribute('data-mode', 'free');
    await presenter.panel.getByRole('button', { name: 'Bring everyone to me' }).click();
    await expect(dee.workshop.indicator).toHaveAttribute('data-mode', 'following');
    expect(dee.errors).toEqual([]);
  } finally {
    await dee.context.close();
  }
  expect(pageErrors).toEqual([]);
});
