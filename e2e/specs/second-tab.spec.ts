import { expect, test } from '../fixtures';
import { DesignerPage } from '../pages/designer-page';
import { RunPanel, TraceClient } from '../pages/run-panel';

test.setTimeout(90_000);

test("a second tab (its own browser context, its own session) cannot drive the first tab's run", async ({
  designer: _designer,
  run,
  browser,
  baseURL,
  pageErrors,
}) => {
  await run.openExample(/Retries with backoff/);
  await run.setSpeed('0.1');
  await run.playUntilEvents();
  await run.pause();
  const runId = await run.runId();
  const t = await run.clock().getAttribute('data-t');

  const context = await browser.newContext();
  try {
    const other = await context.newPage();
    await new DesignerPage(other).goto();
    const second = new RunPanel(other);
    // It does not inherit the first tab's run.
    await expect(second.controls).toHaveAttribute('data-run-id', '');
    await expect(second.rows()).toHaveCount(0);
    await expect.poll(() => second.sessionToken(), { message: 'the server issued a session' }).not.toBeNull();
    const token = await second.sessionToken();
    expect(token).not.toBe(await run.sessionToken());

    // What its socket could send, it sends: every command on the first tab's run is refused.
    const client = await TraceClient.connect(baseURL ?? '', token);
    try {
      const commands: [string, unknown][] = [
        ['run:resume', { runId }],
        ['run:step', { runId }],
        ['run:advance', { runId, ms: 1_000 }],
        ['run:speed', { runId, speed: 10 }],
        ['run:reset', { runId }],
        ['run:stop', { runId }],
        ['producer:fire', { runId, nodeId: 'billing' }],
        ['trace:get', { runId, eventId: 'ev-1' }],
      ];
      for (const [name, payload] of commands) {
        expect(await client.command(name, payload), name).toMatchObject({ ok: false, code: 'forbidden' });
      }
    } finally {
      client.close();
    }
  } finally {
    await context.close();
  }

  // The first tab's run did not move, and its owner still drives it.
  await expect(run.controls).toHaveAttribute('data-phase', 'paused');
  await expect(run.controls).toHaveAttribute('data-run-id', runId);
  await expect(run.clock()).toHaveAttribute('data-t', t ?? '');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', /^(running|completed)$/);
  expect(pageErrors).toEqual([]);
});
