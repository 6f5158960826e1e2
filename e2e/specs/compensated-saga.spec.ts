import type { FlowEvent } from '@eventflow/shared';
import { expect, test } from '../fixtures';
import { RunPanel, TraceClient } from '../pages/run-panel';

// A run starts in a worker thread; on a busy machine that alone can take seconds.
test.setTimeout(90_000);

test('open the compensated example, run it, select a payment that gave up and step through to its compensation', async ({
  designer: _designer,
  page,
  baseURL,
  pageErrors,
}) => {
  const run = new RunPanel(page);
  await run.openExample(/Compensation: releasing stock/);
  await run.setSpeed('10');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
  await run.backToEvents();
  const runId = await run.runId();

  const server = await TraceClient.connect(baseURL ?? '', await run.sessionToken());
  try {
    const hops = await server.allHops(runId);
    const gaveUp = hops.find((h) => h.type === 'dropped' && h.node === 'payment');
    expect(gaveUp, 'a payment gave up in this run').toBeTruthy();
    const failed = gaveUp!.event;
    const compensation = hops.find(
      (h) => h.type === 'emitted' && h.node === 'payment' && h.parent === failed,
    );
    expect(compensation, 'its compensation was emitted').toBeTruthy();
    const release = hops.find((h) => h.type === 'emitted' && h.node === 'release');
    const path = await server.path(runId, failed);
    const chain = [...new Set(path.hops.map((h) => h.event))];

    // The failed payment is found by its outcome and explains its compensation.
    await run.filterOutcome('dropped');
    await run.row(failed).click();
    await expect(page.getByTestId('explain.payment')).toContainText(
      new RegExp(`gave up after 2 attempts.*compensated by ${compensation!.event}$`),
    );

    // Step hop by hop to the compensation: the PaymentFailed event is the failed event's child.
    const at = path.hops.findIndex((h) => h.event === compensation!.event && h.type === 'emitted');
    await expect(run.position()).toHaveText(`Hop 1 of ${path.hops.length}`);
    for (let i = 0; i < at; i++) await run.stepper.getByRole('button', { name: 'Next hop' }).click();
    await expect(run.position()).toHaveText(`Hop ${at + 1} of ${path.hops.length}`);
    await expect(page.getByTestId('hop.hop')).toHaveText('emitted');
    await expect(run.currentNode()).toHaveAttribute('data-node-id', 'payment');
    const card = page.getByLabel('Hop detail');
    await card.getByText(`CloudEvent ${compensation!.event}`).click();
    const event = JSON.parse((await card.locator('pre').textContent()) ?? '{}') as FlowEvent;
    expect(event).toMatchObject({ type: 'PaymentFailed', causationid: failed });
    expect(event.traceparent).toContain(gaveUp!.trace);

    // On through the chain to the stock release, the compensation's own child, in the same trace.
    const releaseAt = path.hops.findIndex((h) => h.type === 'emitted' && h.node === 'release');
    expect(releaseAt, 'the release is in the failed event’s chain').toBeGreaterThan(at);
    for (let i = at; i < releaseAt; i++) await run.stepper.getByRole('button', { name: 'Next hop' }).click();
    await expect(run.currentNode()).toHaveAttribute('data-node-id', 'release');
    const releaseHop = path.hops[releaseAt]!;
    await card.getByText(`CloudEvent ${releaseHop.event}`).click();
    const released = JSON.parse((await card.locator('pre').textContent()) ?? '{}') as FlowEvent;
    expect(released).toMatchObject({ type: 'InventoryReleased', causationid: compensation!.event });
    expect(chain).toEqual(expect.arrayContaining([failed, compensation!.event, releaseHop.event]));
    expect(release).toBeTruthy();
    expect(pageErrors).toEqual([]);
  } finally {
    server.close();
  }
});
