import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { RunPanel, TraceClient } from '../pages/run-panel';

test.setTimeout(120_000);

const CONDITION = 'data.total > 100 && type == "OrderPlaced"';

/** Shows the Breakpoints tab (a click on the tab already shown would fold the dock away). */
async function openBreakpoints(page: Page) {
  const tab = page.getByRole('tab', { name: /^Breakpoints/ });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

async function addConditional(page: Page, node: string, condition: string) {
  await openBreakpoints(page);
  const form = page.getByRole('form', { name: 'Add a breakpoint' });
  await form.getByLabel('Node', { exact: true }).selectOption({ label: node });
  await form.getByLabel(/^Condition/).fill(condition);
  await form.getByRole('button', { name: 'Add breakpoint' }).click();
}

test('a conditional breakpoint on a consumer pauses the run on a matching event, and Continue pauses at the next', async ({
  page,
  designer,
  baseURL,
  pageErrors,
}) => {
  const run = new RunPanel(page);
  await run.openExample(/Fan-out to independent groups/);
  await addConditional(page, 'Billing', CONDITION);
  const list = page.getByRole('region', { name: 'Breakpoints' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem')).toContainText(CONDITION);
  await expect(designer.node('Billing').getByRole('img', { name: 'Breakpoint' })).toBeVisible();

  await run.button('Play').click();
  const banner = page.getByRole('status', { name: 'Paused at breakpoint' });
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(run.controls).toHaveAttribute('data-phase', 'paused');
  await expect(banner).toContainText('Paused at breakpoint “Billing when data.total > 100');
  // The step card is on the very hop it paused at: the delivery to Billing.
  await expect(run.hopCard()).toBeVisible();
  await expect(page.getByTestId('hop.hop')).toHaveText('delivered');
  await expect(page.getByTestId('hop.node')).toHaveText('Billing');
  await expect(run.currentNode()).toHaveAttribute('data-node-id', 'billing');

  const runId = await run.runId();
  const server = await TraceClient.connect(baseURL ?? '', await run.sessionToken());
  try {
    const firstSeq = Number(await page.getByTestId('hop.seq').textContent());
    const eventId = /(e\d+)/.exec((await banner.textContent()) ?? '')?.[1] ?? '';
    const path = await server.path(runId, eventId);
    const event = path.events.find((e) => e.id === eventId);
    expect(event?.type).toBe('OrderPlaced');
    expect((event?.data as { total: number }).total).toBeGreaterThan(100);
    // Nothing after the hop exists for anyone yet: it is the last hop of the run.
    expect((await server.allHops(runId)).at(-1)?.seq).toBe(firstSeq);

    await banner.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByTestId('hop.seq')).not.toHaveText(String(firstSeq), { timeout: 30_000 });
    await expect(banner).toBeVisible();
    const secondSeq = Number(await page.getByTestId('hop.seq').textContent());
    expect(secondSeq).toBeGreaterThan(firstSeq);
    const next = /(e\d+)/.exec((await banner.textContent()) ?? '')?.[1] ?? '';
    const nextEvent = (await server.path(runId, next)).events.find((e) => e.id === next);
    expect((nextEvent?.data as { total: number }).total).toBeGreaterThan(100);
    await expect(page.getByTestId('hop.node')).toHaveText('Billing');
  } finally {
    server.close();
  }
  expect(pageErrors).toEqual([]);
});

test('Break here in the inspector marks the node, the list toggles it, and a bad condition is refused at its column', async ({
  page,
  designer,
}) => {
  const run = new RunPanel(page);
  await run.openExample(/Fan-out to independent groups/);
  await designer.node('Shipping').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByRole('checkbox', { name: 'Break here' }).check();
  const dot = designer.node('Shipping').getByRole('img', { name: 'Breakpoint' });
  await expect(dot).toBeVisible();

  await openBreakpoints(page);
  const row = page.getByRole('region', { name: 'Breakpoints' }).getByRole('listitem', { name: 'Shipping' });
  await row.getByRole('checkbox', { name: 'Enable Shipping' }).uncheck();
  await expect(dot).toHaveCount(0);
  await row.getByRole('checkbox', { name: 'Enable Shipping' }).check();
  await expect(dot).toBeVisible();
  await row.getByRole('button', { name: 'Remove Shipping' }).click();
  await expect(dot).toHaveCount(0);

  await addConditional(page, 'Analytics', 'data.total >');
  await expect(page.getByRole('status', { name: 'Expression problems' })).toContainText('column 13');
  await expect(page.getByRole('alert')).toContainText('at column 13');
  await expect(page.getByRole('region', { name: 'Breakpoints' }).getByRole('listitem')).toHaveCount(0);
});
