import { randomUUID } from 'node:crypto';
import { expect, test } from '../fixtures';
import { exampleFlow } from '../pages/flow-files';
import { RunPanel } from '../pages/run-panel';

test.setTimeout(90_000);

for (const size of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]) {
  test(`at ${size.width}×${size.height} the saga's events list and filters show their text whole`, async ({
    designer,
    page,
  }) => {
    await page.setViewportSize(size);
    const run = new RunPanel(page);
    await run.openExample(/saga/i);
    await run.button('Play').click();
    // The saga's ten orders end the run, which opens the Run summary: measure the Events tab after that. Under
    // load the run can end before the list has drawn a row, and the summary then hides it: wait for the end itself.
    await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
    await run.backToEvents();
    await expect.poll(() => run.rows().count(), { timeout: 20_000 }).toBeGreaterThan(5);
    for (const theme of ['light', 'dark'] as const) {
      if (theme === 'dark') await designer.button('Switch to dark theme').click();
      // Every badge, type and filter either fits or carries its full text in a title.
      const clipped = await page.locator('.ef-events').evaluate((root) => {
        const out: string[] = [];
        const cut = (el: HTMLElement) => el.scrollWidth > el.clientWidth + 1;
        for (const el of root.querySelectorAll<HTMLElement>('.ef-outcome, .ef-events__type, input'))
          if (cut(el) && !el.title) out.push(el.textContent ?? '');
        for (const sel of root.querySelectorAll<HTMLSelectElement>('select')) {
          const probe = document.createElement('span');
          probe.style.font = getComputedStyle(sel).font;
          probe.style.position = 'absolute';
          probe.textContent = sel.selectedOptions[0]?.text ?? '';
          document.body.append(probe);
          // Room for the text beside the arrow; otherwise the title must say it.
          const fits = probe.offsetWidth <= sel.clientWidth - 18;
          probe.remove();
          if (!fits && !sel.title.includes(sel.selectedOptions[0]?.text ?? '')) out.push(probe.textContent);
        }
        return out;
      });
      expect(clipped).toEqual([]);
      // "Go" is drawn like the app's other buttons, not as the browser's grey default (glaring in dark).
      const look = (name: string) =>
        page.getByRole('button', { name, exact: true }).evaluate((b) => {
          const s = getComputedStyle(b);
          return `${s.backgroundColor} ${s.borderColor} ${s.borderRadius}`;
        });
      expect(await look('Go')).toBe(await look('Export trace (NDJSON)'));
      // The filters sit in columns of one width, so they line up instead of wrapping raggedly.
      const widths = await page
        .locator('.ef-events__filters')
        .evaluate((bar) => [...bar.children].map((c) => Math.round(c.getBoundingClientRect().width)));
      expect(widths).toHaveLength(5);
      expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(1);
      // The step-through's three columns fit the dock: the timeline is not cut at its right edge.
      await run.rows().first().click();
      const timeline = page.getByLabel('Timeline', { exact: true });
      await expect(timeline).toBeVisible();
      const [dock, bars] = await Promise.all([
        page.getByRole('region', { name: 'Dock' }).boundingBox(),
        timeline.boundingBox(),
      ]);
      expect((bars?.x ?? 0) + (bars?.width ?? 0)).toBeLessThanOrEqual(
        (dock?.x ?? 0) + (dock?.width ?? 0) + 1,
      );
      // ... and its chart fits the column: no sideways scrolling to reach the end time.
      expect(await timeline.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
      const name = page.getByRole('textbox', { name: 'Flow name' });
      await expect(name).toHaveAttribute('title', 'A saga of chained events');
      await page
        .getByRole('region', { name: 'Dock' })
        .screenshot({ path: test.info().outputPath(`events-${theme}-${size.width}.png`) });
    }
  });
}

test('the events list node filter lists node labels, with ids as secondary text', async ({
  designer: _designer,
  page,
}) => {
  const run = new RunPanel(page);
  await run.openExample(/saga/i);
  await page.getByRole('tab', { name: /Events/ }).click();
  const filter = page.getByLabel('Filter by node');
  const options = await filter.locator('option').allTextContents();
  expect(options[0]).toBe('any node');
  // Each node reads "Label · id"; a node whose label is its id is listed once.
  const saga = exampleFlow('saga');
  expect(options.slice(1)).toEqual(saga.nodes.map((n) => (n.label === n.id ? n.id : `${n.label} · ${n.id}`)));
  const first = options.find((o) => o.includes(' · ')) ?? '';
  await filter.selectOption({ label: first });
  await expect(filter).toHaveAttribute('title', `Node: ${first.split(' · ')[0]} (${first.split(' · ')[1]})`);
});

test('saving under a name the library has warns, and offers Replace or Keep both', async ({
  designer,
  page,
  request,
}) => {
  await designer.add('Producer');
  const name = `Same name ${randomUUID().slice(0, 6)}`;
  await page.getByRole('textbox', { name: 'Flow name' }).fill(name);
  await designer.button('Save').click();
  await expect(designer.status.getByTestId('status.saved')).toHaveText(/Saved/);
  const named = async () =>
    ((await (await request.get('/api/flows')).json()) as { name: string }[])
      .map((f) => f.name)
      .filter((n) => n.startsWith(name))
      .sort();

  const saveAs = async () => {
    await designer.button('Save as').click();
    const dialog = page.getByRole('dialog', { name: 'Save as a new flow' });
    await dialog.getByRole('button', { name: 'Save copy' }).click();
    await expect(dialog.getByRole('alert')).toContainText(`already has a flow called ${name}`);
    return dialog;
  };
  let dialog = await saveAs();
  expect(await named()).toEqual([name]);
  await dialog.getByRole('button', { name: 'Keep both' }).click();
  await expect(dialog).toBeHidden();
  expect(await named()).toEqual([name, `${name} (2)`]);
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(`${name} (2)`);

  await page.getByRole('textbox', { name: 'Flow name' }).fill(name);
  dialog = await saveAs();
  await dialog.getByRole('button', { name: 'Replace' }).click();
  await expect(dialog).toBeHidden();
  expect(await named()).toEqual([name, `${name} (2)`]);
  await expect(page.getByRole('status').filter({ hasText: `Replaced “${name}”` })).toBeVisible();
});
