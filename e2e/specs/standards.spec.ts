import { readFile, writeFile } from 'node:fs/promises';
import { expect, test } from '../fixtures';
import { exampleFlow } from '../pages/flow-files';

test.setTimeout(90_000);

test('an AsyncAPI export comes back in by the Import picker as the same topics and applications', async ({
  designer,
  page,
  pageErrors,
}, testInfo) => {
  await designer.importFile(exampleFlow('fan-out').path);
  const fanOut = exampleFlow('fan-out');
  for (const label of fanOut.labels) await expect(designer.node(label)).toBeVisible();
  await designer.toolbar.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'AsyncAPI 3 (YAML)' }).click(),
  ]);
  const yaml = (await readFile((await download.path())!)).toString('utf8');
  expect(yaml).toContain('asyncapi: 3.0.0');
  const file = testInfo.outputPath('fan-out.asyncapi.yaml');
  await writeFile(file, yaml);

  await designer.clearCanvas();
  await designer.importFile(file);
  // The topic and every application are back on the canvas, by their labels.
  for (const n of fanOut.nodes) await expect(designer.node(n.label)).toBeVisible();
  await expect(designer.edges()).toHaveCount(fanOut.nodes.length - 1);
  expect(pageErrors).toEqual([]);
});

test('a run’s trace downloads as OTLP JSON with one trace per saga', async ({
  designer,
  run,
  page,
  pageErrors,
}) => {
  await designer.importFile(exampleFlow('saga').path);
  await run.setSpeed('max');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
  await run.backToEvents();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export trace as OTLP JSON (Jaeger)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.otlp\.json$/);
  const otlp = JSON.parse((await readFile((await download.path())!)).toString('utf8')) as {
    resourceSpans: { scopeSpans: { spans: { traceId: string; name: string }[] }[] }[];
  };
  const spans = otlp.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
  expect(spans.length).toBeGreaterThan(0);
  // The saga's orders: one trace each, whatever the number of services a trace crosses.
  const traces = new Set(spans.map((s) => s.traceId));
  expect(traces.size).toBe(10);
  expect(otlp.resourceSpans.length).toBeGreaterThan(3);
  expect(pageErrors).toEqual([]);
});
