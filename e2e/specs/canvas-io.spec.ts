import { readFile } from 'node:fs/promises';
import { expect, test } from '../fixtures';

test('drag a kind from the palette onto the canvas', async ({ designer, page }) => {
  // Synthetic drag events carry one DataTransfer from the palette item to the canvas, as a browser does.
  const pane = (await designer.canvas.boundingBox())!;
  const transfer = await page.evaluateHandle(() => new DataTransfer());
  await designer.palette
    .getByRole('button', { name: 'Topic', exact: true })
    .dispatchEvent('dragstart', { dataTransfer: transfer });
  const at = { clientX: pane.x + 200, clientY: pane.y + 160 };
  await page.locator('.ef-canvas').dispatchEvent('dragover', { dataTransfer: transfer, ...at });
  await page.locator('.ef-canvas').dispatchEvent('drop', { dataTransfer: transfer, ...at });
  await expect(designer.node('Topic 1')).toBeVisible();
  const node = (await designer.node('Topic 1').boundingBox())!;
  // Dropped where the pointer was (the node is centred horizontally on it).
  expect(Math.abs(node.x + node.width / 2 - at.clientX)).toBeLessThan(40);
});

test('drop a flow file on the canvas to import it', async ({ designer, page }) => {
  const flow = {
    format: 'eventflow.flow',
    version: 1,
    name: 'Dropped',
    nodes: [
      {
        id: 'orders',
        kind: 'producer',
        label: 'Orders',
        position: { x: 0, y: 0 },
        config: { eventType: 'OrderPlaced' },
      },
      { id: 'orders-topic', kind: 'topic', label: 'Order events', position: { x: 300, y: 0 }, config: {} },
    ],
    edges: [{ id: 'e1', source: 'orders', target: 'orders-topic' }],
  };
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.flow.json', { type: 'application/json' }));
    return dt;
  }, JSON.stringify(flow));
  await page.locator('.ef-canvas').dispatchEvent('dragover', { dataTransfer: transfer });
  await page.locator('.ef-canvas').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(designer.node('Order events')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Dropped');
  await expect(designer.edges()).toHaveCount(1);
});

test('export the diagram as PNG and SVG', async ({ designer, page }) => {
  await designer.add('Producer');
  await designer.add('Topic');
  await designer.connect('Producer 1', 'Topic 1');
  for (const [item, ext] of [
    ['Diagram as PNG', 'png'],
    ['Diagram as SVG', 'svg'],
  ] as const) {
    await designer.toolbar.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: item }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`untitled-flow.${ext}`);
    const bytes = await readFile((await download.path())!);
    if (ext === 'png') expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    else expect(bytes.toString('utf8')).toContain('<svg');
  }
});

test('export the flow as Mermaid and AsyncAPI', async ({ designer, page }) => {
  await designer.add('Producer');
  await designer.add('Topic');
  await designer.connect('Producer 1', 'Topic 1');
  for (const [item, name, expected] of [
    ['Mermaid (flowchart)', 'untitled-flow.mmd', 'flowchart LR'],
    ['AsyncAPI 3 (YAML)', 'untitled-flow.asyncapi.yaml', 'asyncapi: 3.0.0'],
    ['AsyncAPI 3 (JSON)', 'untitled-flow.asyncapi.json', '"asyncapi": "3.0.0"'],
  ] as const) {
    await designer.toolbar.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: item }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(name);
    expect((await readFile((await download.path())!)).toString('utf8')).toContain(expected);
  }
});

test('the CEL editor marks an error at its column and previews a valid expression', async ({
  designer,
  inspector,
}) => {
  await designer.add('Filter');
  await designer.node('Filter 1').click();
  await inspector.set('Expression', 'data.total >');
  const problems = inspector.root.getByRole('status', { name: 'Expression problems' });
  await expect(problems).toContainText(/column \d+/);
  await inspector.set('Expression', 'data.total > 100');
  await expect(problems).toHaveCount(0);
  await expect(inspector.root.getByLabel('Expression preview')).toContainText('true');
  await inspector.root.getByText('Sample event data').click();
  await inspector.set('Sample event data (JSON)', '{"total": 5}');
  await expect(inspector.root.getByLabel('Expression preview')).toContainText('false');
});
