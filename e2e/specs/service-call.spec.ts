import { expect, test } from '../fixtures';

// A run starts in a worker thread; on a busy machine that alone can take seconds.
test.setTimeout(90_000);

test('a consumer → consumer edge is a service call, with its timeout in the edge inspector', async ({
  designer,
  inspector,
}) => {
  await designer.add('Consumer');
  await designer.add('Consumer');
  await designer.connect('Consumer 1', 'Consumer 2');
  const edge = designer.edge('consumer-1', 'consumer-2');
  await expect(edge).toHaveAccessibleName('Service call from consumer-1 to consumer-2');
  await expect(
    designer.canvas.getByLabel('Service call: the caller waits, and gives up after 1000 ms'),
  ).toBeVisible();
  await edge.click({ force: true });
  await expect(inspector.field('Role')).toHaveValue('call');
  await inspector.field(/^Timeout/).fill('250');
  await inspector.field(/^Timeout/).press('Tab');
  await expect(
    designer.canvas.getByLabel('Service call: the caller waits, and gives up after 250 ms'),
  ).toBeVisible();
});

test('request-response beside events on one seed: the caller gives up orders, the event side only queues', async ({
  designer,
  run,
  page,
  pageErrors,
}) => {
  await run.openExample(/Request-response vs events/);
  await expect(
    designer.canvas.getByLabel('Service call: the caller waits, and gives up after 250 ms'),
  ).toHaveCount(2);
  await run.setSpeed('max');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 45_000 });
  await expect(run.summary()).toBeVisible();

  // Request-response: the slow Inventory's timeouts failed Checkout's processing until it gave orders up.
  expect(Number(await run.groupFigure('Dropped', 'checkout-rr'))).toBeGreaterThan(0);
  await expect(designer.node('Checkout (calls)').getByTestId('live.checkout-rr.failures')).toBeVisible();
  // Events: the same slow Inventory only lagged; Checkout acked every order and nothing was lost.
  expect(await run.groupFigure('Acked', 'checkout-ev')).toBe('150');
  expect(await run.groupFigure('Dropped', 'checkout-ev')).toBe('0');
  expect(await run.groupFigure('Dropped', 'inventory-ev')).toBe('0');

  // End to end per design, on the same seed: seconds for the calls, milliseconds at the median for events.
  const latency = run.summary().getByRole('table', { name: 'Latency percentiles' });
  const rowOf = (name: string) =>
    latency.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  const p50 = async (name: string) => {
    const text = (await rowOf(name).getByRole('cell').nth(1).textContent()) ?? '';
    const [, n, unit] = /^([\d,.]+) (ms|s)$/.exec(text) ?? [];
    expect(n, `a p50 in "${text}"`).toBeDefined();
    return Number(n!.replace(/,/g, '')) * (unit === 's' ? 1000 : 1);
  };
  expect(await p50('End to end from Shop (request-response)')).toBeGreaterThan(1000);
  expect(await p50('End to end from Shop (events)')).toBeLessThan(100);

  // The trace names the cause: a dropped order of the calling checkout explains its call timeout.
  await run.backToEvents();
  await run.filterOutcome('dropped');
  // The filter answers from the server: wait for its rows before clicking, or the click lands on the old first row.
  await expect(run.rows().first()).toHaveAccessibleName(/checkout-rr: dropped/);
  await run.rows().first().click();
  await expect(page.getByTestId('explain.checkout-rr')).toContainText('call-timeout');
  expect(pageErrors).toEqual([]);
});
