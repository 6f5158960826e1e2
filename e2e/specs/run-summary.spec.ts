import { expect, test } from '../fixtures';

test.setTimeout(90_000);

test('the exactly-once example run to its end opens the Run summary: only the naive group processed duplicates', async ({
  designer: _designer,
  run,
  page,
}) => {
  // Before any run, the tab says what it will show and when.
  await run.summaryTab().click();
  await expect(page.getByText(/^No run yet\. Press Play/)).toBeVisible();
  await run.page.getByRole('tab', { name: /^Events/ }).click();

  await run.openExample(/Exactly-once through idempotency/);
  await run.setSpeed('max');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
  await expect(run.summaryTab()).toHaveAttribute('aria-selected', 'true');
  await expect(run.summary()).toBeVisible();

  expect(Number(await run.groupFigure('Duplicates processed', 'ledger-naive'))).toBeGreaterThan(0);
  expect(await run.groupFigure('Duplicates processed', 'ledger-idempotent')).toBe('0');
  expect(Number(await run.groupFigure('Duplicates skipped', 'ledger-idempotent'))).toBeGreaterThan(0);
  expect(await run.groupFigure('Acked', 'ledger-naive')).toBe('30');
  await expect(run.summary().getByTestId('summary.conservation')).toHaveText(
    'Conservation holds: 60 of 60 deliveries have an outcome',
  );
  const latency = run.summary().getByRole('table', { name: 'Latency percentiles' });
  const endToEnd = latency
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'End to end', exact: true }) });
  await expect(endToEnd).toContainText(/\d+ ms/);
});

test('a run watched on the Summary tab still counts its events on the Events tab', async ({
  designer: _designer,
  run,
  page,
}) => {
  await run.openExample(/Exactly-once through idempotency/);
  // The events list is never shown during this run: the tab's badge must still follow it.
  await run.summaryTab().click();
  await run.setSpeed('max');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
  const eventsTab = page.getByRole('tab', { name: /^Events/ });
  await expect(eventsTab).toHaveText(/^Events\s*[1-9]\d*$/);
  const badge = Number((await eventsTab.innerText()).replace(/\D/g, ''));
  await eventsTab.click();
  await expect(page.locator('.ef-events__count')).toHaveText(`${badge.toLocaleString('en-US')} events`);
});

test('fan-out: the topic shows 20 events in and 60 deliveries out, one per group', async ({
  designer,
  run,
}) => {
  await run.openExample(/Fan-out to independent groups/);
  await run.setSpeed('max');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
  const badge = designer.node('orders').getByTestId('live.orders');
  await expect(badge.getByTitle('Events in')).toHaveText('in 20');
  await expect(badge.getByTitle('Events out')).toHaveText('out 60');
  for (const group of ['billing', 'shipping', 'analytics'])
    expect(await run.groupFigure('Acked', group)).toBe('20');
});

test('pausing a playing run opens its Run summary with the figures so far; Reset does not', async ({
  designer: _designer,
  run,
}) => {
  await run.openExample(/Retries with backoff/);
  await run.setSpeed('0.5');
  await run.playUntilEvents();
  await expect(run.summaryTab()).toHaveAttribute('aria-selected', 'false');
  await run.button('Pause').click();
  await expect(run.summaryTab()).toHaveAttribute('aria-selected', 'true');
  await expect(run.summary().getByTestId('summary.when')).toHaveText(/^paused at \d/);
  await expect(run.summary().getByTestId('summary.conservation')).toHaveText(
    /still in flight|have an outcome/,
  );

  await run.page.getByRole('tab', { name: /^Events/ }).click();
  await run.button('Reset').click();
  await expect(run.clock()).toHaveText('0 ms');
  await expect(run.summaryTab()).toHaveAttribute('aria-selected', 'false');
});
