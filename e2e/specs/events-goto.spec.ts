import type { QueryReply } from '@eventflow/shared';
import { expect, test } from '../fixtures';
import { RunPanel, TraceClient } from '../pages/run-panel';

// A run starts in a worker thread; on a busy machine that alone can take seconds.
test.setTimeout(90_000);

test('go to an event far down the events list: the list loads its page from the server and shows its row', async ({
  designer: _designer,
  page,
  baseURL,
}) => {
  const run = new RunPanel(page);
  await run.openExample(/Autoscaling on lag/);
  await run.setSpeed('max');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 60_000 });
  await run.backToEvents();
  const runId = await run.runId();
  const server = await TraceClient.connect(baseURL ?? '', await run.sessionToken());
  try {
    const head = await server.command('trace:query', { runId, filter: {}, limit: 1 });
    if (!head.ok) throw new Error(head.message);
    const total = (head.value as QueryReply).total;
    expect(total, 'more events than the first page (500 rows) shows').toBeGreaterThan(500);
    // A row past the first page, which the list has not loaded.
    const far = await server.command('trace:query', { runId, filter: {}, limit: 1, row: total - 3 });
    if (!far.ok) throw new Error(far.message);
    const target = (far.value as QueryReply).events[0]!.id;

    await page.getByLabel('Go to event').fill(target.slice(1));
    await page.getByTestId('events.goto').click();
    await expect(run.row(target)).toBeVisible();
    await run.row(target).click();
    await expect(run.row(target)).toHaveAttribute('aria-selected', 'true');

    await page.getByLabel('Go to event').fill('not an event');
    await page.getByTestId('events.goto').click();
    await expect(page.getByRole('alert')).toContainText('is not an event number or id');
  } finally {
    server.close();
  }
});
