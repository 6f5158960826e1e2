import { readFile } from 'node:fs/promises';
import { expect, test } from '../fixtures';

test('a new user builds producer → topic → filter → consumer, configures it, exports, clears and re-imports the same flow', async ({
  designer,
  inspector,
  page,
  pageErrors,
}) => {
  test.slow(); // the longest journey: twenty-odd steps through the whole designer
  await expect(page.getByRole('region', { name: 'Getting started' })).toBeVisible();

  for (const kind of ['Producer', 'Topic', 'Filter', 'Consumer'] as const) await designer.add(kind);
  await expect(designer.nodes()).toHaveCount(4);
  await expect(page.getByRole('region', { name: 'Getting started' })).toBeHidden();

  await designer.connect('Producer 1', 'Topic 1');
  await designer.connect('Topic 1', 'Filter 1');
  await designer.connect('Filter 1', 'Consumer 1');
  await expect(designer.edges()).toHaveCount(3);

  // Configure each node through the inspector.
  await designer.node('Producer 1').click();
  await inspector.set('Label', 'Checkout');
  await inspector.set('Event type', 'OrderPlaced');
  await inspector.set(/^Rate/, '20');
  await expect(designer.node('Checkout')).toContainText('20/s');

  await designer.node('Topic 1').click();
  await inspector.set('Label', 'Orders');
  await inspector.set('Partitions', '3');
  await expect(designer.node('Orders')).toContainText('P2');

  await designer.node('Filter 1').click();
  await inspector.set('Label', 'Big orders');
  await inspector.set('Expression', 'data.total > 100');
  await expect(
    inspector.root.getByRole('status').or(inspector.root.getByLabel('Expression preview')).first(),
  ).toBeVisible();
  await expect(designer.node('Big orders')).toContainText('data.total > 100');

  await designer.node('Consumer 1').click();
  await inspector.set('Label', 'Billing');
  await inspector.set('Instances', '2');
  await inspector.field('Delivery guarantee').selectOption('exactly-once');
  await expect(designer.node('Billing')).toContainText('exactly-once');

  // A problem appears (inline and in the panel, node marked) and disappears when fixed.
  await designer.node('Orders').click();
  await inspector.set('Partitions', '0');
  await expect(inspector.root.getByRole('alert')).toContainText('≥ 1');
  await expect(designer.problems.getByRole('button', { name: /partitions/ }).first()).toBeVisible();
  await expect(designer.node('Orders').getByLabel('Has errors')).toBeVisible();
  await inspector.set('Partitions', '3');
  await expect(designer.problems.getByRole('button', { name: /partitions/ })).toHaveCount(0);
  await expect(designer.node('Orders').getByLabel('Has errors')).toHaveCount(0);

  await designer.page.getByRole('textbox', { name: 'Flow name' }).fill('Checkout flow');
  const first = await readFile(await designer.exportFlow(), 'utf8');
  const exported = JSON.parse(first);
  expect(exported).toMatchObject({ format: 'eventflow.flow', version: 1, name: 'Checkout flow' });
  expect(exported.nodes.map((n: { id: string }) => n.id)).toEqual([
    'producer-1',
    'topic-1',
    'filter-1',
    'consumer-1',
  ]);

  await designer.clearCanvas();
  await expect(designer.edges()).toHaveCount(0);

  const firstPath = test.info().outputPath('checkout-flow.flow.json');
  await (await import('node:fs/promises')).writeFile(firstPath, first);
  await designer.importFile(firstPath);
  await expect(designer.nodes()).toHaveCount(4);
  await expect(designer.node('Billing')).toBeVisible();
  await expect(designer.edges()).toHaveCount(3);

  // Export again: byte-identical, so ids, configs and positions all survived.
  const second = await readFile(await designer.exportFlow(), 'utf8');
  expect(second).toBe(first);
  expect(pageErrors).toEqual([]);
});

test('importing a broken file lists every problem and keeps the current work', async ({ designer, page }) => {
  await designer.add('Producer');
  await designer.add('Topic');
  const broken = test.info().outputPath('broken.flow.json');
  await (
    await import('node:fs/promises')
  ).writeFile(
    broken,
    JSON.stringify({
      format: 'eventflow.flow',
      version: 1,
      name: '',
      nodes: [{ id: 'bad id!', kind: 'topic', config: { partitions: 0 } }],
      edges: [],
    }),
  );
  await designer.importFile(broken);
  const dialog = page.getByRole('dialog', { name: /cannot be imported/ });
  await expect(dialog).toBeVisible();
  const problems = dialog.getByRole('list', { name: 'Import problems' }).getByRole('listitem');
  expect(await problems.count()).toBeGreaterThanOrEqual(3);
  await expect(dialog).toContainText('partitions');
  await expect(dialog).toContainText('name');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(designer.nodes()).toHaveCount(2);
  await expect(designer.node('Producer 1')).toBeVisible();
});

test('a newer format version is refused with a clear message', async ({ designer, page }) => {
  await designer.add('Topic');
  await designer.toolbar.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a flow' });
  await dialog
    .getByLabel('…or paste flow JSON')
    .fill(JSON.stringify({ format: 'eventflow.flow', version: 9, name: 'future', nodes: [], edges: [] }));
  await dialog.getByRole('button', { name: 'Import pasted JSON' }).click();
  await expect(page.getByRole('dialog', { name: /newer Eventflow/ })).toContainText('version 9');
  await page
    .getByRole('dialog', { name: /newer Eventflow/ })
    .getByRole('button', { name: 'Cancel', exact: true })
    .click();
  await expect(designer.node('Topic 1')).toBeVisible();
});
