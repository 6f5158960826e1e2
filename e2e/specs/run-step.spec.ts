import { expect, test } from '../fixtures';
import { RunPanel, TraceClient } from '../pages/run-panel';

test.setTimeout(90_000);

test('Step shows each next hop on the canvas, Step back walks the recorded hops, Reset returns to t = 0', async ({
  designer: _designer,
  page,
  baseURL,
}) => {
  const run = new RunPanel(page);
  await run.openExample(/Retries with backoff/);
  for (let i = 0; i < 3; i++) await run.button('Step').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'paused');
  const runId = await run.runId();
  const server = await TraceClient.connect(baseURL ?? '', await run.sessionToken());
  try {
    // Steps pressed in a row queue in the session: wait until the third has reached the server.
    await expect.poll(async () => (await server.allHops(runId)).length).toBeGreaterThanOrEqual(3);
    const hops = await server.allHops(runId);
    const [first, second, third] = hops;
    await expect(run.currentNode()).toHaveAttribute('data-node-id', third!.node);
    await run.button('Step back').click();
    await expect(run.currentNode()).toHaveAttribute('data-node-id', second!.node);
    await run.button('Step back').click();
    await expect(run.currentNode()).toHaveAttribute('data-node-id', first!.node);
    // Forward again through what is already recorded, without asking the server for more.
    await run.button('Step').click();
    await expect(run.currentNode()).toHaveAttribute('data-node-id', second!.node);
    expect((await server.allHops(runId)).length).toBe(hops.length);
  } finally {
    server.close();
  }
  await run.button('Reset').click();
  await expect(page.getByTestId('run.clock')).toHaveText('0 ms');
  await expect(run.currentNode()).toHaveCount(0);
  await expect(run.rows()).toHaveCount(0);
});
