import { expect, test } from '../fixtures';
import { TraceClient } from '../pages/run-panel';

test.setTimeout(90_000);

test('a consumer reads a lagging read model: step to its stale-read hop and see why it was stale; a late projection catches up', async ({
  designer,
  run,
  page,
  baseURL,
}) => {
  await run.openExample(/Stale reads/);
  await expect(designer.node('Shipping')).toBeVisible();
  // The query edge is drawn apart from event edges, labelled with its key.
  await expect(page.getByTestId('edge.e8.query')).toHaveText('query · data.orderId');

  await run.setSpeed('max');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
  await expect(run.summary().getByTestId('summary.stale-reads')).toHaveText('Stale reads: shipping 6 of 6');
  await run.backToEvents();

  const trace = await TraceClient.connect(baseURL!, await run.sessionToken());
  try {
    const runId = await run.runId();
    const hops = await trace.allHops(runId);
    // The first read of a row the projection had applied, but not its newest version.
    const stale = hops.find((h) => h.type === 'stale-read' && /@ v1 .* while v2/.test(h.reason ?? ''));
    expect(stale, 'a read of version 1 while version 2 was written').toBeTruthy();
    const path = await trace.path(runId, stale!.event);
    const at = path.hops.findIndex((h) => h.seq === stale!.seq);

    await run.row(stale!.event).click();
    await expect(page.getByTestId('explain.shipping')).toContainText('it decided on a stale row');
    for (let i = 0; i < at; i++) await run.stepper.getByRole('button', { name: 'Next hop' }).click();
    await expect(run.position()).toHaveText(`Hop ${at + 1} of ${path.hops.length}`);
    await expect(page.getByTestId('hop.hop')).toHaveText('stale-read');
    await expect(page.getByTestId('hop.reason')).toHaveText(
      /^read o-1 @ v1 from order-status while v2 was written \d+ ms earlier: stale, 1 version behind$/,
    );
    await expect(run.currentNode()).toHaveAttribute('data-node-id', 'shipping');

    // The projection added at 350 ms replayed the ledger and says so.
    const joined = hops.filter((h) => h.type === 'rebuilt' && h.node === 'order-audit');
    expect(joined.map((h) => h.reason)).toEqual([
      'joined at 350 ms: replayed 4 events from position 0 (2 rows; equal to order-status, there from the start), now follows live',
    ]);
  } finally {
    trace.close();
  }
});
