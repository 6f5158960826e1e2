import { randomUUID } from 'node:crypto';
import { expect, test } from '../fixtures';
import { exampleFlow } from '../pages/flow-files';
import { SOURCES } from '../pages/flow-sources';
import type { RunPanel } from '../pages/run-panel';

// Two runs per journey, each in a worker thread: on a busy machine that alone can take seconds.
test.setTimeout(120_000);

const saga = exampleFlow('saga');
const retries = exampleFlow('retries-dead-letter');
const maxAttempts = retries.nodes.find((n) => n.id === 'charger')?.config.maxAttempts;
const chargeType = String(retries.nodes.find((n) => n.kind === 'producer')?.config.eventType);
/** A readable simulated time: digits, at most three decimals, a unit. Never `2997.2618010000006 ms`. */
const TIME = /^\d[\d,]*(\.\d{1,3})?\s?(µs|ms|s|min|h)/;

/** Runs the saga and selects one of its events, leaving the run paused or still playing. */
async function startSaga(run: RunPanel, state: 'paused' | 'playing') {
  await run.openExample(new RegExp(saga.name));
  // A tenth of real time keeps the saga (about 2 simulated seconds) playing until the journey pauses or
  // switches; at full speed it would be over before the events list first refreshes.
  await run.setSpeed('0.1');
  await run.playUntilEvents();
  if (state === 'paused') await run.pause();
  await run.rows().first().click();
  await expect(run.hopCard()).toBeVisible();
  if (state === 'playing') await expect(run.controls).toHaveAttribute('data-phase', 'running');
}

/**
 * Plays the retries flow to the end and follows a poisoned event: everything it names is of this flow.
 * `walk` also steps the hop card through every hop (slow; the waterfall already names every place).
 */
async function followPoisonedEvent(run: RunPanel, walk = false) {
  await run.setSpeed('10');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
  await run.backToEvents();
  // The list mounts afresh on the Events tab: wait for its rows before reading them.
  await expect(run.rows().first()).toBeVisible();
  // Every listed event is one of this run's (the saga's would be OrderPlaced, InventoryReserved, …). Read as one
  // retried block: the run's last refresh can redraw the list between the wait above and the read.
  await expect(async () => {
    const rows = await run.rows().evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(rows.length).toBeGreaterThan(0);
    for (const name of rows) expect(name).toMatch(new RegExp(`^\\S+ ${chargeType} — `));
  }).toPass({ timeout: 10_000 });
  await run.filterOutcome('dead-lettered');
  const poisoned = run.rows().first();
  await expect(poisoned).toHaveAccessibleName(/charger: dead-lettered/);
  await poisoned.click();
  await expect(run.page.getByTestId('explain.charger')).toHaveText(
    `Card Charger: dead-lettered after ${String(maxAttempts)} attempts: processing failed`,
  );
  for (const place of await run.spanPlaces()) expect([...retries.places]).toContain(place);
  if (walk) for (const label of await run.hopNodes()) expect([...retries.labels]).toContain(label);
}

test("the issue's case: pause the saga, import the retries flow, and its poisoned event explains itself in its own nodes", async ({
  designer,
  run,
  page,
  pageErrors,
}) => {
  expect(maxAttempts, 'the example sets maxAttempts on the charger').toEqual(expect.any(Number));
  await startSaga(run, 'paused');
  await designer.importFile(retries.path);
  await expect(designer.node('Card Charger')).toBeVisible();
  await expect(designer.node('Storefront')).toHaveCount(0);
  await run.expectNoTrace();
  await followPoisonedEvent(run, true);

  // Times are for people, in the hop card and in the waterfall alike.
  await expect(page.getByTestId('hop.simulated-time')).toHaveText(TIME);
  const axis = await page.getByLabel('Timeline', { exact: true }).locator('text.ef-waterfall__axis').all();
  expect(axis.length).toBe(2);
  for (const label of axis) await expect(label).toHaveText(TIME);
  for (const name of await run.spans().evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))) {
    const [from, to] = (name ?? '').split(': ').pop()?.split('–') ?? [];
    expect(from).toMatch(TIME);
    expect(to).toMatch(TIME);
  }
  await expect(page.getByLabel('Timeline', { exact: true })).not.toHaveText(/\d\.\d{4}/);
  expect(pageErrors).toEqual([]);
});

for (const state of ['paused', 'playing'] as const) {
  for (const source of SOURCES) {
    test(`${source} while the run is ${state}: the old trace goes, the new flow runs on its own nodes`, async ({
      designer,
      run,
      sources,
      request,
      pageErrors,
    }) => {
      await startSaga(run, state);
      await sources.open(source, retries, {
        request,
        savedName: `Retries ${randomUUID().slice(0, 8)}`,
        // New alone already ends the run: the empty canvas shows no trace either.
        afterNew: () => run.expectNoTrace(),
      });
      await expect(designer.node('Storefront')).toHaveCount(0);
      await expect(run.controls).not.toHaveAttribute('data-phase', /^(running|paused)$/);
      await run.expectNoTrace();
      await followPoisonedEvent(run);
      expect(pageErrors).toEqual([]);
    });
  }
}
