import path from 'node:path';
import { expect, test } from '../fixtures';
import { RunPanel } from '../pages/run-panel';

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');

test('a type problem shows while drawing, its quick fix rewrites the expression, and the preview runs on the producer’s samples', async ({
  designer,
  inspector,
  page,
  pageErrors,
}) => {
  for (const kind of ['Producer', 'Topic', 'Filter', 'Consumer'] as const) await designer.add(kind);
  await designer.connect('Producer 1', 'Topic 1');
  await designer.connect('Topic 1', 'Filter 1');
  await designer.connect('Filter 1', 'Consumer 1');
  await expect(designer.edges()).toHaveCount(3);

  await designer.node('Filter 1').click();
  await inspector.set('Expression', 'data.seq % 2 == 0');

  // Inline, at the operator's column, because the producer's default payload {"seq": seq} arrives as JSON.
  const problems = inspector.root.getByRole('status', { name: 'Expression problems' });
  await expect(problems).toContainText('line 1, column 10: no such overload: double % int');
  // The problems panel says the same, before any run.
  await expect(designer.problems).toContainText('no such overload: double % int');
  await expect(designer.node('Filter 1').getByLabel('Has errors')).toBeVisible();

  const fix = problems.getByRole('button', { name: 'Use int(data.seq) % 2' });
  await expect(fix).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'cel-quick-fix.png') });
  // The same in the other theme and on the smaller screen, kept with the test's output for review.
  // (Theme switches happen at 1440 wide.)
  await designer.button('Switch to dark theme').click();
  await page.screenshot({ path: test.info().outputPath('cel-quick-fix-dark.png') });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: test.info().outputPath('cel-quick-fix-dark-1280.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await designer.button('Switch to light theme').click();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: test.info().outputPath('cel-quick-fix-light-1280.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await fix.click();

  await expect(inspector.field('Expression')).toHaveValue('int(data.seq) % 2 == 0');
  await expect(problems).toHaveCount(0);
  await expect(designer.node('Filter 1').getByLabel('Has errors')).toHaveCount(0);

  // One row per sample the producer builds: seq 1..3 give odd, even, odd.
  const preview = inspector.root.getByLabel('Expression preview');
  await expect(preview).toContainText('Preview on samples from Producer 1');
  const rows = preview.getByRole('listitem');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'seq 1' })).toContainText('{"seq":1}');
  await expect(rows.filter({ hasText: 'seq 1' })).toContainText('false');
  await expect(rows.filter({ hasText: 'seq 2' })).toContainText('true');
  await expect(rows.filter({ hasText: 'seq 3' })).toContainText('false');
  await page.screenshot({ path: path.join(SHOTS, 'cel-preview-samples.png') });
  await designer.button('Switch to dark theme').click();
  await page.screenshot({ path: test.info().outputPath('cel-preview-samples-dark.png') });
  await designer.button('Switch to light theme').click();

  // A field no producer sets only warns: the flow can still run.
  await inspector.set('Expression', 'data.total > 100');
  await expect(problems).toContainText('no upstream producer sets data.total');
  await expect(designer.node('Filter 1').getByLabel('Has warnings')).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('a filter whose expression fails at run time shows its error count, and the event says it errored there', async ({
  designer,
  inspector,
  page,
}) => {
  for (const kind of ['Producer', 'Topic', 'Filter', 'Consumer'] as const) await designer.add(kind);
  await designer.connect('Producer 1', 'Topic 1');
  await designer.connect('Topic 1', 'Filter 1');
  await designer.connect('Filter 1', 'Consumer 1');
  await designer.node('Filter 1').click();
  // Only a warning while drawing (no producer sets data.total), so the run starts and every event fails here.
  await inspector.set('Expression', 'data.total > 100');
  await expect(inspector.root.getByRole('status', { name: 'Expression problems' })).toContainText(
    'no upstream producer sets data.total',
  );

  const run = new RunPanel(page);
  await run.playUntilEvents();
  await expect(designer.node('Filter 1').getByRole('status', { name: /^\d+ filter errors?$/ })).toBeVisible({
    timeout: 20_000,
  });
  await run.pause();
  await run.rows().first().click();
  await expect(run.detail).toContainText("errored in Filter 1's filter");
  await expect(run.detail).toContainText('no such key');
  await expect(run.detail).not.toContainText('still in flight');
  await page.screenshot({ path: path.join(SHOTS, 'filter-error-badge.png') });
  await designer.button('Switch to dark theme').click();
  await page.screenshot({ path: test.info().outputPath('filter-error-badge-dark.png') });
});
