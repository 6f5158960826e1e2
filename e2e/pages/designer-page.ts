import { expect, type Locator, type Page } from '@playwright/test';

export type Kind = 'Producer' | 'Topic' | 'Filter' | 'Router' | 'Consumer' | 'Webhook';

/** The designer as a user sees it: palette, canvas, toolbar, status bar. Selects by role and name only. */
export class DesignerPage {
  readonly canvas: Locator;
  readonly toolbar: Locator;
  readonly palette: Locator;
  readonly problems: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByRole('application');
    this.toolbar = page.getByRole('toolbar', { name: 'Main toolbar' });
    this.palette = page.getByRole('navigation', { name: 'Palette' });
    this.problems = page.getByRole('region', { name: 'Problems' });
    this.status = page.getByRole('contentinfo', { name: 'Status bar' });
  }

  async goto() {
    await this.page.goto('/');
    await expect(this.palette.getByRole('button', { name: 'Producer', exact: true })).toBeVisible();
  }

  async add(kind: Kind) {
    await this.palette.getByRole('button', { name: kind, exact: true }).click();
  }

  node(name: string): Locator {
    return this.canvas.getByRole('group', { name, exact: true });
  }

  /** Canvas nodes (React Flow marks them with aria-roledescription="node"). */
  nodes(): Locator {
    return this.canvas.locator('[aria-roledescription="node"]');
  }

  edges(): Locator {
    return this.canvas.locator('[aria-roledescription="edge"]');
  }

  edge(from: string, to: string): Locator {
    return this.canvas.getByRole('group', {
      name: new RegExp(`^(Edge|Dead-letter edge|Service call) from ${from} to ${to}$`),
    });
  }

  button(name: string): Locator {
    return this.toolbar.getByRole('button', { name, exact: true });
  }

  private async centre(locator: Locator) {
    const box = await locator.boundingBox();
    if (!box) throw new Error('element is not visible');
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  /** Starts dragging from one node's output onto another's input and leaves the mouse down. */
  async dragConnection(from: string, to: string) {
    const start = await this.centre(this.page.getByLabel(`Output of ${from}`, { exact: true }));
    const end = await this.centre(this.page.getByLabel(`Input of ${to}`, { exact: true }));
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    await this.page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 6 });
    await this.page.mouse.move(end.x, end.y, { steps: 6 });
  }

  async connect(from: string, to: string) {
    await this.dragConnection(from, to);
    await this.page.mouse.up();
  }

  /** Draws an edge from a named source handle (a router's "Rule EU of Router 1") onto a node's input. */
  async connectHandle(handle: string, to: string) {
    const start = await this.centre(this.page.getByLabel(handle, { exact: true }));
    const end = await this.centre(this.page.getByLabel(`Input of ${to}`, { exact: true }));
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    await this.page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 6 });
    await this.page.mouse.move(end.x, end.y, { steps: 6 });
    await this.page.mouse.up();
  }

  async dragNodeBy(name: string, dx: number, dy: number) {
    const title = this.node(name).getByText(name, { exact: true });
    const start = await this.centre(title);
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    await this.page.mouse.move(start.x + dx / 2, start.y + dy / 2, { steps: 5 });
    await this.page.mouse.move(start.x + dx, start.y + dy, { steps: 5 });
    await this.page.mouse.up();
  }

  async exportFlow(): Promise<string> {
    await this.toolbar.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('menuitem', { name: 'Flow file (.flow.json)' }).click(),
    ]);
    const path = await download.path();
    if (!path) throw new Error('download failed');
    return path;
  }

  async importFile(path: string) {
    await this.toolbar.getByRole('button', { name: 'Import' }).click();
    await this.page
      .getByRole('dialog', { name: 'Import a flow' })
      .getByLabel('Choose flow file')
      .setInputFiles(path);
  }

  async clearCanvas() {
    await this.button('New flow').click();
    const confirm = this.page.getByRole('dialog', { name: 'Unsaved changes', exact: true });
    const empty = this.page.getByRole('region', { name: 'Getting started' });
    await expect(confirm.or(empty).first()).toBeVisible();
    if (await confirm.isVisible())
      await confirm.getByRole('button', { name: 'Discard', exact: true }).click();
    await expect(this.nodes()).toHaveCount(0);
  }
}
