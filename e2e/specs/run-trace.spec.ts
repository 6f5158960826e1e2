import { readFileSync } from 'node:fs';
import { Hop } from '@eventflow/shared';
import { expect, test } from '../fixtures';
import { RunPanel, TraceClient } from '../pages/run-panel';

// A run starts in a worker thread; on a busy machine that alone can take seconds.
test.setTimeout(90_000);

test('run the retries example, pause, and follow a retried-then-acked event hop by hop against the server trace', async ({
  designer,
  page,
  baseURL,
}) => {
  const run = new RunPanel(page);
  await run.openExample(/Retries with backoff/);
  // Half speed leaves time to pause mid-run (the run lasts about 8 s of wall time).
  await run.setSpeed('0.5');
  await run.button('Play').click();
  // The first dead letter happens at t ≈ 1.5 s; wait for the badge on the charger, then pause.
  await expect(designer.node('Card Charger').getByTestId('live.dead-lettered')).toBeVisible({
    timeout: 15_000,
  });
  await run.button('Pause').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'paused');
  await run.backToEvents();
  const runId = await run.runId();

  const server = await TraceClient.connect(baseURL ?? '', await run.sessionToken());
  try {
    const hops = await server.allHops(runId);
    const retried = hops.find(
      (h) =>
        h.type === 'retry-scheduled' &&
        hops.some((a) => a.event === h.event && a.type === 'acked' && a.group === 'charger'),
    );
    expect(retried, 'a retried-then-acked event exists').toBeTruthy();
    const eventId = retried!.event;
    const path = await server.path(runId, eventId);

    await run.filter('payload text', '');
    await run.row(eventId).click();
    await expect(run.position()).toHaveText(`Hop 1 of ${path.hops.length}`);
    await expect(page.getByTestId('explain.charger')).toContainText(
      /acked at t=\d[\d,]*(\.\d{1,3})? (µs|ms|s|min \d\d s) after \d attempts/,
    );
    for (const [i, hop] of path.hops.entries()) {
      await expect(run.position()).toHaveText(`Hop ${i + 1} of ${path.hops.length}`);
      await expect(run.currentNode()).toHaveAttribute('data-node-id', hop.node);
      await expect(page.getByTestId('hop.hop')).toHaveText(hop.type);
      if (i < path.hops.length - 1) await run.stepper.getByRole('button', { name: 'Next hop' }).click();
    }
    // Every node the server says the event visited is marked on the canvas, and no other.
    const visited = [...new Set(path.hops.map((h) => h.node))].sort();
    const marked = await run
      .pathNodes()
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id') ?? '').sort());
    expect(marked).toEqual(visited);
    // Keyboard arrows step back.
    await page.locator('.ef-detail__head').click();
    await page.keyboard.press('ArrowLeft');
    await expect(run.position()).toHaveText(`Hop ${path.hops.length - 1} of ${path.hops.length}`);
  } finally {
    server.close();
  }
});

test('a dead-lettered event explains itself; the events list filters; the trace exports as NDJSON hops', async ({
  designer: _designer,
  page,
  baseURL,
}) => {
  const run = new RunPanel(page);
  await run.openExample(/Retries with backoff/);
  await run.setSpeed('10');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 20_000 });
  await run.backToEvents();
  const runId = await run.runId();

  await run.filterOutcome('dead-lettered');
  const count = page.getByRole('status').filter({ hasText: /events?$/ });
  await expect(count).toHaveText(/^[1-9]\d* events?$/);
  // One of them is on key c4: the count says "1 event", not "1 events".
  await run.filter('key', 'c4');
  await expect(count).toHaveText('1 event');
  await run.filter('key', '');
  await expect(count).toHaveText(/^[1-9]\d* events$/);
  const first = run.rows().first();
  await expect(first).toHaveAccessibleName(/charger: dead-lettered/);
  await first.click();
  await expect(page.getByTestId('explain.charger')).toHaveText(
    'Card Charger: dead-lettered after 4 attempts: processing failed',
  );

  // Filter by key: every listed row carries that key.
  await run.filterOutcome('');
  await run.filter('key', 'c2');
  // The query goes out once typing settles: poll until the list shows only (and some) c2 rows.
  await expect
    .poll(async () => [...new Set(await run.events.locator('.ef-events__key').allTextContents())])
    .toEqual(['c2']);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export trace (NDJSON)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.trace\.ndjson$/);
  const lines = readFileSync((await download.path()) ?? '', 'utf8')
    .trimEnd()
    .split('\n');
  const hops = lines.map((l) => Hop.parse(JSON.parse(l)));
  const server = await TraceClient.connect(baseURL ?? '', await run.sessionToken());
  try {
    expect(hops).toEqual(await server.allHops(runId));
  } finally {
    server.close();
  }
  expect(hops.map((h) => h.seq)).toEqual(hops.map((_, i) => i + 1));
});
