import { randomUUID } from 'node:crypto';
import { expect, test } from '../fixtures';
import type { DesignerPage } from '../pages/designer-page';

async function buildValidFlow(designer: DesignerPage) {
  await designer.add('Producer');
  await designer.add('Topic');
  await designer.add('Consumer');
  await designer.connect('Producer 1', 'Topic 1');
  await designer.connect('Topic 1', 'Consumer 1');
  await expect(designer.status.getByRole('button', { name: '0 errors, 0 warnings' })).toBeVisible();
}

test('open an example from the gallery, with its description', async ({ designer, page }) => {
  await page.getByRole('button', { name: 'Browse examples' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a flow' });
  const gallery = dialog.getByRole('list', { name: 'Examples' });
  const card = gallery.getByRole('button', { name: /Competing consumers/ });
  await expect(card).toContainText('consumer group');
  // Every card's icon keeps its size, also beside a name long enough to wrap ("Compensation: releasing stock …").
  const iconWidths = await gallery
    .locator('.ef-example__name svg')
    .evaluateAll((icons) => icons.map((i) => Math.round(i.getBoundingClientRect().width)));
  expect(iconWidths.length).toBeGreaterThan(10);
  expect(new Set(iconWidths)).toEqual(new Set([14]));
  await card.click();
  await expect(dialog).toBeHidden();
  await expect(designer.page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Competing consumers');
  expect(await designer.nodes().count()).toBeGreaterThan(2);
  await expect(designer.status.getByTestId('status.saved')).toContainText('Not saved');
});

test('save to the library, reopen it, and resolve a concurrent edit (409) by saving a copy', async ({
  designer,
  page,
  request,
}) => {
  test.slow(); // save, conflict, copy and reopen: many server round trips
  await buildValidFlow(designer);
  // A server reused between runs keeps old flows; a unique name keeps this test's flows apart.
  const name = `Library flow ${randomUUID().slice(0, 6)}`;
  await page.getByRole('textbox', { name: 'Flow name' }).fill(name);
  await designer.button('Save').click();
  await expect(designer.status.getByTestId('status.saved')).toHaveText(/Saved/);

  // Someone else saves a newer revision of the same flow.
  const list = (await (await request.get('/api/flows')).json()) as {
    id: string;
    name: string;
    revision: number;
  }[];
  const mine = list.find((f) => f.name === name);
  expect(mine).toBeTruthy();
  const stored = await (await request.get(`/api/flows/${mine!.id}`)).json();
  const theirs = { ...stored.flow, name: `${name} (theirs)` };
  expect(
    (
      await request.put(`/api/flows/${mine!.id}`, { data: { revision: stored.revision, flow: theirs } })
    ).status(),
  ).toBe(200);

  await designer.add('Filter');
  await page.keyboard.press('Delete');
  await designer.node('Producer 1').click();
  await page
    .getByRole('complementary', { name: 'Inspector' })
    .getByLabel('Label', { exact: true })
    .fill('Orders service');
  await expect(designer.status.getByTestId('status.saved')).toHaveText(/Unsaved/);
  await page.keyboard.press('Control+s');
  const conflict = page.getByRole('dialog', { name: 'Someone saved a newer version' });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('button', { name: 'Overwrite with mine' })).toBeVisible();
  await expect(conflict.getByRole('button', { name: 'Reload theirs' })).toBeVisible();
  await conflict.getByRole('button', { name: 'Save mine as a copy' }).click();
  await expect(conflict).toBeHidden();
  await expect(designer.status.getByTestId('status.saved')).toHaveText(/Saved/);

  const names = ((await (await request.get('/api/flows')).json()) as { name: string }[]).map((f) => f.name);
  expect(names).toEqual(expect.arrayContaining([`${name} (theirs)`, `${name} (copy)`]));

  // Open theirs from the library.
  await designer.button('Open').click();
  await page
    .getByRole('dialog', { name: 'Open a flow' })
    .getByRole('button', { name: `Open ${name} (theirs)` })
    .click();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(`${name} (theirs)`);
  await expect(designer.node('Producer 1')).toBeVisible();
});

test('the working draft survives a reload, behind a "Restore draft?" prompt', async ({ designer, page }) => {
  await designer.add('Producer');
  await designer.add('Topic');
  await page.getByRole('textbox', { name: 'Flow name' }).fill('Draft flow');
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('eventflow.draft.v1') ?? ''))
    .toContain('Draft flow');
  await page.reload();
  const prompt = page.getByRole('dialog', { name: 'Restore draft?' });
  await expect(prompt).toContainText('Draft flow');
  await prompt.getByRole('button', { name: 'Restore draft' }).click();
  await expect(designer.nodes()).toHaveCount(2);
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Draft flow');
  await expect(designer.status.getByTestId('status.saved')).toHaveText(/Not saved/);
});
