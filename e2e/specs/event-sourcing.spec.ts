import { expect, test } from '../fixtures';
import { TraceClient } from '../pages/run-panel';

test.setTimeout(90_000);

test('a read-model row changes at the hop its projection applies the event, not at the store’s write; a rebuild converges on the same rows', async ({
  designer,
  run,
  page,
  baseURL,
}) => {
  await run.openExample(/Order ledger/);
  await designer.node('Order status').click();
  const model = page.getByTestId('inspector.read-model');
  const row = model.getByTestId('read-model.row.o-1');
  const lag = model.getByTestId('read-model.lag');

  // Hop 1: Checkout produces e1. Hop 2: the ledger stores it as o-1 v1, and the read model has no row yet.
  await run.button('Step').click();
  await run.button('Step').click();
  await expect(run.currentNode()).toHaveAttribute('data-node-id', 'ledger');
  await expect(lag).toHaveText(/^0 of 1 stored events applied/);
  await expect(row).toHaveCount(0);
  // Hop 3, 50 simulated ms later: the projection applies it, and the row appears.
  await run.button('Step').click();
  await expect(run.currentNode()).toHaveAttribute('data-node-id', 'order-status');
  await expect(row).toContainText('{"changes":1,"total":10}');
  await expect(lag).toHaveText(/^1 of 1 stored events applied · caught up/);
  // Back one hop, to the store's write: the row is not there yet.
  await run.button('Step back').click();
  await expect(model.getByRole('heading')).toHaveText(/as of hop 2/);
  await expect(row).toHaveCount(0);

  // To the end, then rebuild from position 0 while the run goes on.
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
  await run.backToEvents();
  const live = await model.locator('tbody').textContent();
  expect(live).toContain('o-3');
  await model.getByTestId('read-model.rebuild').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'paused');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });

  const trace = await TraceClient.connect(baseURL!, await run.sessionToken());
  try {
    const hops = await trace.allHops(await run.runId());
    const rebuilt = hops.filter((h) => h.type === 'rebuilt');
    expect(rebuilt.map((h) => h.reason)).toEqual([
      'rebuilt from position 0: equals the live read model (3 rows)',
    ]);
  } finally {
    trace.close();
  }
  await expect(model.locator('tbody')).toHaveText(live!);
});
