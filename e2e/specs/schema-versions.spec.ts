import { expect, test } from '../fixtures';

// A run starts in a worker thread; on a busy machine that alone can take seconds.
test.setTimeout(120_000);

const BROKEN =
  /consumer 'billing' cannot read OrderPlaced v2 read as v1 from 'shop': data\.amount is required/;

test('schema versions: edit the version a producer publishes, see the consumer it breaks, run, dead-letter, fix, pass', async ({
  designer,
  inspector,
  run,
  page,
  pageErrors,
}) => {
  await run.openExample(/Schema versions/);
  await designer.node('Shop').getByText('Shop', { exact: true }).click();
  const schemas = inspector.root.getByTestId('inspector.schemas');
  await expect(schemas).toContainText('Schemas of OrderPlaced');

  // The schema text is checked as the user types: a syntax error is shown inline and never committed.
  const v2 = schemas.getByTestId('inspector.schema.v2');
  const written = await v2.inputValue();
  await v2.fill('{ "type": ');
  await expect(schemas.getByRole('alert')).toContainText(/JSON/);
  await v2.fill(written);
  // Valid again: what shows now is the registry's compatibility problem of v2, from validation — a warning (what
  // will break), not an error in the text: the text is not marked invalid.
  await expect(schemas.getByRole('alert')).toHaveCount(0);
  await expect(schemas.getByRole('status')).toHaveText(
    'OrderPlaced v2 is not forward compatible with v1: data.amount is required by v1, v2 does not have it',
  );
  await expect(v2).toHaveAttribute('aria-invalid', 'false');

  // Publishing v1 makes the payload break its own schema (an error); back on v2, Billing is the one broken.
  await inspector.set(/^Schema version/, '1');
  await inspector.field(/^Schema version/).press('Tab');
  await expect(designer.problems).toContainText(
    /payload does not satisfy OrderPlaced v1.*data\.amount is required/,
  );
  await expect(designer.problems).not.toContainText(BROKEN);
  await inspector.set(/^Schema version/, '2');
  await inspector.field(/^Schema version/).press('Tab');
  await expect(designer.problems).toContainText(BROKEN);
  await expect(designer.problems).not.toContainText('payload does not satisfy');

  // Run: every order fails Billing's schema check, is retried once and dead-lettered, with the field named.
  await run.setSpeed('max');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 60_000 });
  await expect(run.summary()).toBeVisible();
  expect(await run.groupFigure('Dead-lettered', 'billing')).toBe('20');
  expect(await run.groupFigure('Acked', 'shipping')).toBe('20');
  await run.backToEvents();
  await run.filterOutcome('dead-lettered');
  await expect(run.rows().first()).toHaveAccessibleName(/billing: dead-lettered/);
  await run.rows().first().click();
  await expect(page.getByTestId('explain.billing')).toContainText(
    'dead-lettered after 2 attempts: schema: OrderPlaced v2 read as v1: data.amount is required',
  );

  // Fix: Billing also reads v2. The design-time problem goes, and the next run dead-letters nothing.
  await designer.node('Billing').getByText('Billing', { exact: true }).click();
  await inspector.root.getByRole('button', { name: 'Add version', exact: true }).click();
  await inspector.set('Versions 2', '2');
  await inspector.field('Versions 2').press('Tab');
  await page.getByRole('tab', { name: /^Problems/ }).click();
  // Only the registry's own warning on v2 is left: no consumer is broken by it now.
  await expect(designer.problems).toContainText('OrderPlaced v2 is not forward compatible with v1');
  await expect(designer.problems).not.toContainText(BROKEN);
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 60_000 });
  await expect(run.summary()).toBeVisible();
  expect(await run.groupFigure('Dead-lettered', 'billing')).toBe('0');
  expect(await run.groupFigure('Acked', 'billing')).toBe('20');
  expect(pageErrors).toEqual([]);
});
