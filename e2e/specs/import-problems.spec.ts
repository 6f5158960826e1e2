import { readFile, writeFile } from 'node:fs/promises';
import { expect, test } from '../fixtures';
import type { DesignerPage } from '../pages/designer-page';
import { flowDoc, writeFlowFile } from '../pages/flow-files';

const ghostFlow = flowDoc(
  'Ghost edge',
  [
    {
      id: 'shop',
      kind: 'producer',
      label: 'Shop',
      position: { x: 0, y: 0 },
      config: { eventType: 'OrderPlaced' },
    },
    { id: 'orders', kind: 'topic', label: 'Orders', position: { x: 300, y: 0 }, config: {} },
  ],
  [
    { id: 'e1', source: 'shop', target: 'orders' },
    { id: 'e2', source: 'orders', target: 'ghost' },
  ],
);

async function buildSmallFlow(designer: DesignerPage) {
  await designer.add('Producer');
  await designer.add('Topic');
  await designer.connect('Producer 1', 'Topic 1');
  await designer.page.getByRole('textbox', { name: 'Flow name' }).fill('My small flow');
  await expect(designer.edges()).toHaveCount(1);
}

/** Everything the canvas holds, byte for byte, by way of the user's own export. */
async function snapshot(designer: DesignerPage): Promise<string> {
  return readFile(await designer.exportFlow(), 'utf8');
}

test('a file with a dangling edge lists its problem; Cancel keeps the canvas exactly; Open anyway loads it with the problem', async ({
  designer,
  sources,
  page,
  pageErrors,
}, testInfo) => {
  const ghost = writeFlowFile(testInfo, 'ghost.flow.json', ghostFlow);
  await buildSmallFlow(designer);
  const before = await snapshot(designer);

  await designer.importFile(ghost.path);
  const dialog = page
    .getByRole('dialog')
    .filter({ has: page.getByRole('list', { name: 'Import problems' }) });
  await expect(dialog).toBeVisible();
  const problems = dialog.getByRole('list', { name: 'Import problems' }).getByRole('listitem');
  await expect(problems.filter({ hasText: /^edges\[\d+\]\.target: .*ghost/ })).toHaveCount(1);
  // Cancel is the default answer: it has the focus, so a stray Enter changes nothing either.
  await expect(dialog.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('My small flow');
  await expect(designer.nodes()).toHaveCount(2);
  await expect(designer.node('Shop')).toHaveCount(0);
  expect(await snapshot(designer)).toBe(before);
  expect(pageErrors).toEqual([]);

  await designer.importFile(ghost.path);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Open anyway', exact: true }).click();
  await expect(dialog).toBeHidden();
  // The small flow was never saved, so opening the file over it asks first.
  await sources.unsaved.choose('Discard');
  await expect(designer.node('Shop')).toBeVisible();
  await expect(designer.node('Orders')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Ghost edge');
  await expect(designer.problems.getByRole('button', { name: /ghost/ })).not.toHaveCount(0);
  await expect(designer.status.getByRole('button', { name: /^[1-9]\d* errors?,/ })).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('a file that is not JSON cannot be opened anyway, and leaves the canvas alone', async ({
  designer,
  page,
  pageErrors,
}, testInfo) => {
  await buildSmallFlow(designer);
  const before = await snapshot(designer);
  const broken = testInfo.outputPath('broken.flow.json');
  await writeFile(broken, '{ "format": "eventflow.flow", ');
  await designer.importFile(broken);
  const dialog = page
    .getByRole('dialog')
    .filter({ has: page.getByRole('list', { name: 'Import problems' }) });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Open anyway' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  expect(await snapshot(designer)).toBe(before);
  expect(pageErrors).toEqual([]);
});
