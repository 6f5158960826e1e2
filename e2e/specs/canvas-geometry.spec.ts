import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

interface DocEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string;
}

/** Three examples side by side: between them every node kind, a router with rules, dead-letter edges. */
function everyKind() {
  const nodes: object[] = [];
  const edges: DocEdge[] = [];
  ['stale-reads', 'routing-by-content', 'flaky-webhook'].forEach((name, i) => {
    const doc = JSON.parse(readFileSync(`examples/${name}.flow.json`, 'utf8')) as {
      nodes: { id: string; position: { x: number; y: number } }[];
      edges: DocEdge[];
    };
    for (const n of doc.nodes)
      nodes.push({ ...n, id: `${i}-${n.id}`, position: { x: n.position.x, y: n.position.y + i * 900 } });
    for (const e of doc.edges)
      edges.push({ ...e, id: `${i}-${e.id}`, source: `${i}-${e.source}`, target: `${i}-${e.target}` });
  });
  return { format: 'eventflow.flow', version: 1, name: 'Every kind', nodes, edges };
}

/** For each edge drawn, how far (flow units) its ends are from the handles it joins. */
function edgeEndGaps(page: Page, edges: DocEdge[]) {
  return page.evaluate((list) => {
    const out: { id: string; from: number; to: number }[] = [];
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    const zoom = new DOMMatrixReadOnly(viewport ? getComputedStyle(viewport).transform : undefined).a;
    for (const e of list) {
      const path = document.querySelector<SVGPathElement>(
        `.react-flow__edge[data-id="${e.id}"] path.react-flow__edge-path`,
      );
      const node = (id: string) => document.querySelector(`.react-flow__node[data-id="${id}"]`);
      const handleId = e.sourceHandle ? `[data-handleid="${e.sourceHandle}"]` : ':not([data-handleid])';
      const source = node(e.source)?.querySelector(`.react-flow__handle.source${handleId}`);
      const target = node(e.target)?.querySelector('.react-flow__handle.target');
      const m = path?.getScreenCTM();
      if (!path || !source || !target || !m) continue;
      const screen = (p: DOMPoint) => new DOMPoint(p.x, p.y).matrixTransform(m);
      const start = screen(path.getPointAtLength(0));
      const end = screen(path.getPointAtLength(path.getTotalLength()));
      const s = source.getBoundingClientRect();
      const t = target.getBoundingClientRect();
      // React Flow joins an edge to the outer side of each handle, halfway down it.
      out.push({
        id: e.id,
        from: Math.hypot(start.x - s.right, start.y - (s.top + s.height / 2)) / zoom,
        to: Math.hypot(end.x - t.left, end.y - (t.top + t.height / 2)) / zoom,
      });
    }
    return out;
  }, edges);
}

test('edges leave and enter every kind of node exactly at its handles, near and far out', async ({
  designer,
  page,
  pageErrors,
}) => {
  // The canvas gives React Flow each node's size and handles before it is drawn (node-geometry.ts), instead
  // of letting it measure them: numbers that must be the ones the DOM has.
  const flow = everyKind();
  const file = test.info().outputPath('every-kind.flow.json');
  await writeFile(file, JSON.stringify(flow));
  await designer.importFile(file);
  // Three examples merged may warn or refuse (a name twice): the geometry is what is tested here.
  const anyway = page.getByRole('button', { name: 'Open anyway' });
  await expect(anyway.or(designer.nodes().first())).toBeVisible();
  if (await anyway.isVisible()) await anyway.click();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Every kind');
  await designer.button('Zoom to fit').click();
  await expect(designer.nodes()).toHaveCount(flow.nodes.length);

  // React Flow measures a node when it mounts; a changed node (here: selected) takes the canvas's numbers again.
  for (const view of ['fitted', 'every node selected', 'far out']) {
    if (view === 'every node selected') {
      await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('ControlOrMeta+a');
      await expect(page.locator('.react-flow__node.selected')).toHaveCount(flow.nodes.length);
    }
    if (view === 'far out')
      for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom Out' }).click();
    await expect(async () => {
      const gaps = await edgeEndGaps(page, flow.edges);
      expect(gaps.length, `${view}: edges measured`).toBeGreaterThan(flow.edges.length / 2);
      for (const g of gaps) {
        expect(g.from, `${view}: ${g.id} leaves its source handle`).toBeLessThan(0.5);
        expect(g.to, `${view}: ${g.id} enters its target handle`).toBeLessThan(0.5);
      }
    }).toPass({ timeout: 10_000 });
  }
  expect(pageErrors).toEqual([]);
});
