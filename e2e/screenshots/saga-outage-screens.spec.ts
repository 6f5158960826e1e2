import { expect, test } from '../fixtures';
import { SIZES, shot } from './shots';

test.use({ trace: 'off' });
test.setTimeout(120_000);

for (const size of SIZES) {
  const at = `${size.width}x${size.height}`;

  test(`the compensated example's trace, stepped to its compensation, at ${at}`, async ({
    designer,
    run,
    page,
  }) => {
    await page.setViewportSize(size);
    await run.openExample(/Compensation: releasing stock/);
    await run.setSpeed('10');
    await run.button('Play').click();
    await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
    await run.backToEvents();
    await run.filterOutcome('dropped');
    await expect(run.rows().first()).toHaveAccessibleName(/payment: dropped/);
    await run.rows().first().click();
    await expect(page.getByTestId('explain.payment')).toContainText('compensated by');
    // Step to the compensation (the first `emitted` at the payment service after the give-up).
    for (let i = 0; i < 40; i++) {
      const here = (await page.getByTestId('hop.hop').textContent()) === 'emitted';
      if (here && (await run.currentNode().getAttribute('data-node-id')) === 'payment') break;
      await run.stepper.getByRole('button', { name: 'Next hop' }).click();
    }
    await expect(run.currentNode()).toHaveAttribute('data-node-id', 'payment');
    await shot(page, designer, `compensated-saga-trace-${at}`);
  });

  test(`a broker outage: the topic down, the buffering producer's held count, at ${at}`, async ({
    designer,
    run,
    page,
  }) => {
    await page.setViewportSize(size);
    await run.openExample(/Broker outage: fail vs buffer/);
    await run.setSpeed('0.5');
    await run.button('Play').click();
    await expect(page.getByTestId('node.orders.down')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('live.mobile.buffered')).toBeVisible({ timeout: 30_000 });
    await run.button('Pause').click();
    await expect(run.controls).toHaveAttribute('data-phase', 'paused');
    await designer.node('orders').click();
    await shot(page, designer, `broker-outage-${at}`);
  });
}

test('the producer inspector edits a spike and previews the rate over time', async ({
  designer,
  run,
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await run.openExample(/A spike absorbed by a queue/);
  await designer.node('Checkout').click();
  await expect(page.getByTestId('inspector.rate-preview')).toBeVisible();
  await shot(page, designer, 'rate-schedule-inspector');
});
