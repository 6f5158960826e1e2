import { expect, test } from '../fixtures';
import { RunPanel } from '../pages/run-panel';

test.setTimeout(90_000);

test('changing a consumer’s failure rate while the run is going makes failures appear there', async ({
  designer,
  inspector,
  page,
}) => {
  const run = new RunPanel(page);
  await run.openExample(/saga/i);
  await run.setSpeed('0.25');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'running');
  const payments = designer.node('Payment Service');
  await expect(payments.getByTestId('live.payments')).toBeVisible();
  await expect(payments.getByTestId('live.payments.failures')).toHaveCount(0);

  await payments.getByText('Payment Service', { exact: true }).click();
  await inspector.set(/^Failure rate/, '1');
  await inspector.field(/^Failure rate/).press('Tab');

  await expect(payments.getByTestId('live.payments.failures')).toBeVisible({ timeout: 20_000 });
  await expect(run.controls).not.toHaveAttribute('data-phase', 'failed');
});

test('fire an event with a payload from the run toolbar and find it in the events list', async ({
  designer: _designer,
  page,
}) => {
  const run = new RunPanel(page);
  await run.openExample(/saga/i);
  await run.button('Step').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'paused');
  await run.controls.getByRole('button', { name: 'Fire event' }).click();
  const dialog = page.getByRole('dialog', { name: 'Fire event' });
  await dialog.getByLabel('Payload').fill('{"orderId": "ORD-fired", "customerId": "c9", "total": 42');
  await expect(dialog.getByRole('button', { name: 'Fire', exact: true })).toBeDisabled();
  await dialog.getByLabel('Payload').fill('{"orderId": "ORD-fired", "customerId": "c9", "total": 42}');
  await dialog.getByRole('button', { name: 'Fire', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText(/^Fired e\d+$/);
  // A paused run shows new hops only as it is stepped.
  await page.keyboard.press('Escape');
  for (let i = 0; i < 4; i++) await run.button('Step').click();
  await run.filter('payload text', 'ORD-fired');
  await expect(run.rows()).toHaveCount(1);
  await expect(run.rows().first()).toContainText('OrderPlaced');
});
