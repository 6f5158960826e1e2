import { expect, test } from '../fixtures';
import { SIZES, shot } from './shots';

test.use({ trace: 'off' });
test.setTimeout(150_000);

for (const size of SIZES) {
  const at = `${size.width}x${size.height}`;

  test(`the order ledger's read model as of the projection's hop, at ${at}`, async ({
    designer,
    run,
    page,
  }) => {
    await page.setViewportSize(size);
    await run.openExample(/Order ledger/);
    await designer.node('Order status').click();
    for (let i = 0; i < 3; i++) await run.button('Step').click();
    await expect(page.getByTestId('read-model.row.o-1')).toBeVisible();
    await shot(page, designer, `event-sourcing-read-model-${at}`);
  });

  test(`schema versions: Billing breaks on v2, dead-lettered with the field named, at ${at}`, async ({
    designer,
    run,
    page,
  }) => {
    await page.setViewportSize(size);
    await run.openExample(/Schema versions/);
    await run.setSpeed('max');
    await run.button('Play').click();
    await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 45_000 });
    await run.backToEvents();
    await run.filterOutcome('dead-lettered');
    await expect(run.rows().first()).toHaveAccessibleName(/billing: dead-lettered/);
    await run.rows().first().click();
    await expect(page.getByTestId('explain.billing')).toContainText('data.amount');
    await shot(page, designer, `schema-versions-${at}`);
  });

  test(`stale reads: Shipping's stale-read hop and its reason, at ${at}`, async ({ designer, run, page }) => {
    await page.setViewportSize(size);
    await run.openExample(/Stale reads/);
    await run.setSpeed('max');
    await run.button('Play').click();
    await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 45_000 });
    await run.backToEvents();
    await run.filter('type', 'OrderChanged');
    // e5 is o-1's second change (e2, e4 are labels): Shipping reads version 1 while version 2 is written.
    await run.row('e5').click();
    const next = run.stepper.getByRole('button', { name: 'Next hop' });
    for (let i = 0; i < 12; i++) {
      if ((await page.getByTestId('hop.hop').textContent()) === 'stale-read') break;
      await next.click();
    }
    await expect(page.getByTestId('hop.hop')).toHaveText('stale-read');
    await page.getByRole('button', { name: 'Fit view' }).click();
    await shot(page, designer, `stale-read-hop-${at}`);
  });

  test(`request-response beside events on one seed, at ${at}`, async ({ designer, run, page }) => {
    await page.setViewportSize(size);
    await run.openExample(/Request-response vs events/);
    await run.setSpeed('max');
    await run.button('Play').click();
    await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 45_000 });
    await expect(run.summary()).toBeVisible();
    await shot(page, designer, `service-call-vs-events-${at}`);
  });
}
