import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { DesignerPage } from './designer-page';
import type { FlowFile } from './flow-files';

/** Every way a user replaces the document on screen, each named as the journeys list them. */
export const SOURCES = [
  'examples gallery',
  'Open (My flows)',
  'Import by picker',
  'drop',
  'paste',
  'New then an example',
] as const;
export type Source = (typeof SOURCES)[number];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The "Unsaved changes" prompt shown before unsaved work is replaced. */
export class UnsavedChangesDialog {
  readonly root: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('dialog', { name: 'Unsaved changes', exact: true });
  }

  async choose(answer: 'Save' | 'Discard' | 'Cancel') {
    await this.root.getByRole('button', { name: answer, exact: true }).click();
    await expect(this.root).toBeHidden();
  }
}

/** Opening, importing, dropping and pasting flows, through the UI only. */
export class FlowSources {
  readonly unsaved: UnsavedChangesDialog;

  constructor(
    readonly page: Page,
    readonly designer: DesignerPage,
  ) {
    this.unsaved = new UnsavedChangesDialog(page);
  }

  /**
   * Waits until `shown` appears; if an "Unsaved changes" prompt comes first, discards. These journeys are
   * about the run, not the prompt (`unsaved.spec.ts` is), and whether an untouched example counts as
   * unsaved work is the app's call.
   */
  async settle(shown: Locator) {
    await expect(this.unsaved.root.or(shown).first()).toBeVisible();
    if (await this.unsaved.root.isVisible()) await this.unsaved.choose('Discard');
    await expect(shown).toBeVisible();
  }

  /** A node of `flow` that the canvas shows once it is open. */
  landmark(flow: FlowFile): Locator {
    const first = flow.nodes[0];
    if (!first) throw new Error(`${flow.name} has no nodes`);
    return this.designer.node(first.label);
  }

  /** The gallery, from the toolbar's Open (the empty-canvas shortcut is only there on an empty canvas). */
  async clickExample(name: string) {
    await this.designer.button('Open').click();
    const dialog = this.page.getByRole('dialog', { name: 'Open a flow' });
    await dialog.getByRole('tab', { name: 'Examples' }).click();
    await dialog
      .getByRole('list', { name: 'Examples' })
      .getByRole('button', { name: new RegExp(escape(name)) })
      .click();
  }

  async clickSaved(name: string) {
    await this.designer.button('Open').click();
    const dialog = this.page.getByRole('dialog', { name: 'Open a flow' });
    await dialog.getByRole('tab', { name: 'My flows' }).click();
    await dialog.getByRole('button', { name: `Open ${name}`, exact: true }).click();
  }

  async dropFile(flow: FlowFile) {
    const transfer = await this.page.evaluateHandle(
      ({ text, name }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], name, { type: 'application/json' }));
        return dt;
      },
      { text: flow.text, name: flow.path.split('/').pop() ?? 'dropped.flow.json' },
    );
    const pane = this.page.locator('.ef-canvas');
    await pane.dispatchEvent('dragover', { dataTransfer: transfer });
    await pane.dispatchEvent('drop', { dataTransfer: transfer });
  }

  async pasteJson(text: string) {
    await this.designer.toolbar.getByRole('button', { name: 'Import' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Import a flow' });
    await dialog.getByLabel('…or paste flow JSON').fill(text);
    await dialog.getByRole('button', { name: 'Import pasted JSON' }).click();
  }

  async newFlow() {
    await this.designer.button('New flow').click();
    await this.settle(this.page.getByRole('region', { name: 'Getting started' }));
    await expect(this.designer.nodes()).toHaveCount(0);
  }

  /**
   * Replaces the document with `flow` by `source` and waits until the canvas shows it. `flow` must be an
   * example for the gallery paths. `afterNew` runs between New and the example, to check the empty state.
   */
  async open(
    source: Source,
    flow: FlowFile,
    opts: { request: APIRequestContext; savedName: string; afterNew?: () => Promise<void> },
  ) {
    switch (source) {
      case 'examples gallery':
        await this.clickExample(flow.name);
        break;
      case 'Open (My flows)': {
        const doc = { ...(JSON.parse(flow.text) as object), name: opts.savedName };
        const res = await opts.request.post('/api/flows', { data: doc });
        expect(res.status(), await res.text()).toBe(201);
        await this.clickSaved(opts.savedName);
        break;
      }
      case 'Import by picker':
        await this.designer.importFile(flow.path);
        break;
      case 'drop':
        await this.dropFile(flow);
        break;
      case 'paste':
        await this.pasteJson(flow.text);
        break;
      case 'New then an example':
        await this.newFlow();
        await opts.afterNew?.();
        await this.clickExample(flow.name);
        break;
    }
    await this.settle(this.landmark(flow));
    const name = source === 'Open (My flows)' ? opts.savedName : flow.name;
    await expect(this.page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(name);
  }
}
