import { expect, test } from '../fixtures';
import { RunPanel } from '../pages/run-panel';

// A run starts in a worker thread; on a busy machine that alone can take seconds.
test.setTimeout(90_000);

test('take a topic’s broker down from its inspector during a run: it is drawn down, events are lost, then it comes back', async ({
  designer,
  page,
  pageErrors,
}) => {
  const run = new RunPanel(page);
  await run.openExample(/A spike absorbed by a queue/);
  const topic = designer.node('packed-orders');
  await topic.click();
  // Before a run there is nothing to take down.
  await expect(page.getByTestId('inspector.topic-outage')).toHaveCount(0);
  await run.setSpeed('0.5');
  await run.button('Play').click();
  await expect(designer.node('Packers').getByTestId('live.packers.in')).not.toHaveText('in 0', {
    timeout: 30_000,
  });

  const toggle = page.getByTestId('inspector.topic-outage');
  await expect(toggle).toHaveText(/Take broker down/);
  await toggle.click();
  await expect(page.getByTestId('node.packed-orders.down')).toBeVisible();
  await expect(toggle).toHaveText(/Bring broker back/);
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(topic.locator('.ef-node')).toHaveClass(/is-down/);

  // Orders placed meanwhile are lost at the topic, and say why.
  await run.pause();
  await run.filterOutcome('publish-failed');
  await expect(run.rows().first()).toHaveAccessibleName(/packed-orders: publish-failed/, { timeout: 15_000 });
  await run.rows().first().click();
  await expect(page.getByTestId('explain.packers')).toContainText('never published to packed-orders');

  await toggle.click();
  await expect(page.getByTestId('node.packed-orders.down')).toHaveCount(0);
  await expect(toggle).toHaveText(/Take broker down/);
  await expect(topic.locator('.ef-node')).not.toHaveClass(/is-down/);
  expect(pageErrors).toEqual([]);
});
