import { expect, test } from '../fixtures';
import { DesignerPage } from '../pages/designer-page';

test('undo and redo a sequence of edits with the keyboard and the toolbar', async ({
  designer,
  inspector,
  page,
}) => {
  await designer.add('Producer');
  await designer.add('Topic');
  await designer.connect('Producer 1', 'Topic 1');
  await designer.node('Topic 1').click();
  await inspector.set('Label', 'Orders');
  await expect(designer.node('Orders')).toBeVisible();

  await page.getByRole('application').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+z');
  await expect(designer.node('Topic 1')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(designer.edges()).toHaveCount(0);
  await designer.button('Undo').click();
  await expect(designer.nodes()).toHaveCount(1);

  await page.keyboard.press('Control+Shift+z');
  await expect(designer.nodes()).toHaveCount(2);
  await designer.button('Redo').click();
  await expect(designer.edges()).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(designer.node('Orders')).toBeVisible();
  await expect(designer.button('Redo')).toBeDisabled();
});

test('a forbidden connection is refused while dragging, with a tooltip that says why', async ({
  designer,
  page,
}) => {
  await designer.add('Producer');
  await designer.add('Consumer');
  await designer.dragConnection('Producer 1', 'Consumer 1');
  await expect(page.getByRole('tooltip')).toContainText('a producer cannot connect to a consumer directly');
  await page.mouse.up();
  await expect(designer.edges()).toHaveCount(0);
  await expect(page.getByRole('alert')).toContainText('Not connected');
});

test('a consumer → topic edge becomes a dead-letter edge in the edge inspector', async ({
  designer,
  inspector,
}) => {
  await designer.add('Consumer');
  await designer.add('Topic');
  await designer.connect('Consumer 1', 'Topic 1');
  await designer.edge('consumer-1', 'topic-1').click({ force: true });
  await inspector.field('Role').selectOption('dead-letter');
  await expect(designer.edge('consumer-1', 'topic-1')).toHaveAccessibleName(
    'Dead-letter edge from consumer-1 to topic-1',
  );
  await expect(designer.canvas.getByText('DLQ', { exact: true })).toBeVisible();
});

test('select, duplicate, copy/paste, box-select and delete', async ({ designer, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await designer.add('Filter');
  await designer.node('Filter 1').click();
  await page.keyboard.press('Control+d');
  await expect(designer.nodes()).toHaveCount(2);
  await expect(designer.node('Filter 1 copy')).toBeVisible();

  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(designer.nodes()).toHaveCount(3);
  await expect(designer.node('Filter 1 copy copy')).toBeVisible();

  // Shift-drag on empty canvas draws a selection box around everything.
  const pane = (await designer.canvas.boundingBox())!;
  await page.keyboard.down('Shift');
  await page.mouse.move(pane.x + 8, pane.y + 8);
  await page.mouse.down();
  await page.mouse.move(pane.x + pane.width - 8, pane.y + pane.height - 8, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText('3 items selected');
  await page.keyboard.press('Delete');
  await expect(designer.nodes()).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(designer.nodes()).toHaveCount(3);
});

test('moving a node is one undo step', async ({ designer, page }) => {
  await designer.add('Topic');
  const before = await designer.node('Topic 1').boundingBox();
  await designer.dragNodeBy('Topic 1', 160, 96);
  const after = await designer.node('Topic 1').boundingBox();
  expect(after!.x - before!.x).toBeGreaterThan(100);
  await page.keyboard.press('Control+z');
  await expect
    .poll(async () => Math.round((await designer.node('Topic 1').boundingBox())!.x))
    .toBe(Math.round(before!.x));
});

test('the shortcut help opens with ? and closes with Escape', async ({ designer, page }) => {
  await designer.canvas.click({ position: { x: 40, y: 40 } });
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Duplicate the selection');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('clicking a problem selects the node it is about', async ({ designer, inspector, page }) => {
  await designer.add('Producer');
  await designer.add('Topic');
  await page.getByRole('application').click({ position: { x: 30, y: 30 } });
  await expect(inspector.root.getByRole('region', { name: 'Flow properties' })).toBeVisible();
  await designer.problems
    .getByRole('button', { name: /producer-1/ })
    .first()
    .click();
  await expect(inspector.heading('Producer')).toBeVisible();
  await expect(inspector.field('Label')).toHaveValue('Producer 1');
});

test('copy in one tab, paste in another (flow JSON on the clipboard)', async ({
  designer,
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await designer.add('Consumer');
  await designer.node('Consumer 1').click();
  await page.keyboard.press('Control+c');
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toContain('"kind": "consumer"');

  const other = await context.newPage();
  const second = new DesignerPage(other);
  await second.goto();
  await other.getByRole('button', { name: 'Discard draft' }).click();
  await second.canvas.click({ position: { x: 40, y: 40 } });
  await other.keyboard.press('Control+v');
  await expect(second.node('Consumer 1')).toBeVisible();
});
