import type { Locator, Page } from '@playwright/test';

/** The right-hand inspector: fields are found by their visible label. */
export class InspectorPanel {
  readonly root: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('complementary', { name: 'Inspector' });
  }

  field(label: string | RegExp): Locator {
    return typeof label === 'string'
      ? this.root.getByLabel(label, { exact: true })
      : this.root.getByLabel(label);
  }

  async set(label: string | RegExp, value: string) {
    await this.field(label).fill(value);
  }

  heading(kind: string): Locator {
    return this.root.getByRole('region', { name: `${kind} inspector` });
  }
}
