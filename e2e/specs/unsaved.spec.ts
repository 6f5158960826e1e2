import { randomUUID } from 'node:crypto';
import { expect, test } from '../fixtures';
import type { DesignerPage } from '../pages/designer-page';
import { exampleFlow } from '../pages/flow-files';

const fanOut = exampleFlow('fan-out');
const fanOutLandmark = fanOut.nodes[0]?.label ?? '';

async function buildByHand(designer: DesignerPage, name: string) {
  await designer.add('Producer');
  await designer.add('Topic');
  await designer.connect('Producer 1', 'Topic 1');
  await designer.page.getByRole('textbox', { name: 'Flow name' }).fill(name);
  await expect(designer.status.getByTestId('status.saved')).toHaveText(/Not saved/);
}

async function expectHandBuilt(designer: DesignerPage, name: string) {
  await expect(designer.page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(name);
  await expect(designer.node('Producer 1')).toBeVisible();
  await expect(designer.node('Topic 1')).toBeVisible();
  await expect(designer.edges()).toHaveCount(1);
  await expect(designer.node(fanOutLandmark)).toHaveCount(0);
}

test('opening an example over unsaved work asks first: Cancel keeps it, Discard opens the example, Undo brings the work back', async ({
  designer,
  sources,
  page,
  pageErrors,
}) => {
  const name = `Hand-built ${randomUUID().slice(0, 8)}`;
  await buildByHand(designer, name);

  await sources.clickExample(fanOut.name);
  await expect(sources.unsaved.root).toBeVisible();
  // Cancel is the default: a stray Enter loses nothing.
  await expect(sources.unsaved.root.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused();
  await sources.unsaved.choose('Cancel');
  await expectHandBuilt(designer, name);

  await sources.clickExample(fanOut.name);
  await sources.unsaved.choose('Discard');
  await expect(designer.node(fanOutLandmark)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(fanOut.name);
  await expect(designer.nodes()).toHaveCount(fanOut.nodes.length);

  await designer.button('Undo').click();
  await expectHandBuilt(designer, name);
  expect(pageErrors).toEqual([]);
});

test('Save in the "Unsaved changes" prompt saves the work to My flows, then opens the example', async ({
  designer,
  sources,
  page,
  request,
  pageErrors,
}) => {
  const name = `Hand-built ${randomUUID().slice(0, 8)}`;
  await buildByHand(designer, name);

  await sources.clickExample(fanOut.name);
  await sources.unsaved.choose('Save');
  await expect(designer.node(fanOutLandmark)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(fanOut.name);

  const saved = (await (await request.get('/api/flows')).json()) as { name: string }[];
  expect(saved.map((f) => f.name)).toContain(name);
  // And it opens again from My flows, as it was.
  await sources.clickSaved(name);
  await sources.settle(designer.node('Producer 1'));
  await expectHandBuilt(designer, name);
  expect(pageErrors).toEqual([]);
});
