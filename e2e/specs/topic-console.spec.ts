import { expect, test } from '../fixtures';
import { RunPanel } from '../pages/run-panel';
import { TopicConsolePanel } from '../pages/topic-console';

// A run starts in a worker thread; on a busy machine that alone can take seconds.
test.setTimeout(90_000);

test('the topic console lists offsets per partition, lights up an event’s path, and replays a group', async ({
  designer,
  page,
  pageErrors,
}) => {
  const run = new RunPanel(page);
  const topic = new TopicConsolePanel(page, 'account-events');
  await run.openExample(/Partitions and per-key order/);

  // Before any run the console says how to fill it.
  await designer.node('account-events').click({ button: 'right' });
  await page
    .getByRole('menu', { name: 'Actions for account-events' })
    .getByRole('menuitem', { name: 'Open console' })
    .click();
  await expect(topic.panel.getByRole('status')).toContainText('Play the flow to see what this topic retains');
  await topic.close();

  await run.setSpeed('0.5');
  await run.playUntilEvents();
  await run.pause();

  await designer.node('account-events').click();
  await page.getByRole('button', { name: 'Open console' }).click();
  await expect(topic.panel).toBeVisible();
  for (const p of [0, 1, 2]) await expect(topic.partitionTab(p)).toBeVisible();
  await expect(topic.groupRow('balances')).toBeVisible();

  // A partition lists its entries from offset 0; clicking one selects that event everywhere.
  const p = await topic.busiestPartition();
  await topic.partitionTab(p).click();
  await expect(topic.entry(p, 0)).toBeVisible();
  const first = (await topic.entry(p, 0).getAttribute('aria-label')) ?? '';
  expect(first).toMatch(/^offset 0 \S+ AccountDebited key acc-\d$/);
  await topic.entry(p, 0).click();
  await expect(topic.entry(p, 0)).toHaveAttribute('aria-selected', 'true');
  await expect(run.position()).toHaveText(/^Hop 1 of \d+$/);
  const hopsBefore = Number(/of (\d+)/.exec((await run.position().textContent()) ?? '')?.[1]);
  const marked = await run.pathNodes().evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')));
  expect(marked).toEqual(expect.arrayContaining(['ledger', 'account-events']));

  // Replaying from offset 0 moves the group back: its lag grows to everything retained.
  const lagBefore = await topic.lag('balances');
  await topic.replay('balances', { offset: 0 });
  await expect.poll(() => topic.lag('balances')).toBeGreaterThan(lagBefore);
  await expect(topic.groupRow('balances')).toHaveAccessibleName(/^balances: lag [1-9]/);

  // Play delivers the retained events again, and the lag returns to 0.
  await run.button('Play').click();
  await expect(topic.groupRow('balances')).toHaveAccessibleName('balances: lag 0', { timeout: 30_000 });
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
  // The run's end opened its Run summary; the step-through is on the Events tab.
  await page.getByRole('tab', { name: /^Events/ }).click();
  // Beside the console the events column is narrow: the export buttons still fit one row under the list.
  const exports = page.getByRole('group', { name: 'Export trace' });
  const [bar, button] = await Promise.all([
    exports.boundingBox(),
    exports.getByRole('button').first().boundingBox(),
  ]);
  expect(bar?.height).toBeLessThanOrEqual((button?.height ?? 0) + 1);

  // The replayed event now has a second delivery in its trace.
  await topic.entry(p, 1).click();
  await topic.entry(p, 0).click();
  await expect
    .poll(async () => Number(/of (\d+)/.exec((await run.position().textContent()) ?? '')?.[1]))
    .toBeGreaterThan(hopsBefore);
  expect(pageErrors).toEqual([]);
});
