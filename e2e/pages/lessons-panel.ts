import type { Locator, Page } from '@playwright/test';

/** The Lessons panel: opened from the toolbar, one unfoldable card per lesson. */
export class LessonsPanel {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('complementary', { name: 'Lessons' });
  }

  async toggle() {
    await this.page.getByTestId('toolbar.lessons').click();
  }

  lesson(id: string): Locator {
    return this.root.getByTestId(`lessons.item.${id}`);
  }

  async unfold(id: string) {
    await this.lesson(id).locator('summary').click();
  }

  async openExample(id: string) {
    await this.root.getByTestId(`lessons.open.${id}`).click();
  }

  async check(id: string) {
    await this.root.getByTestId(`lessons.check.${id}`).click();
  }

  result(id: string): Locator {
    return this.root.getByTestId(`lessons.result.${id}`);
  }
}
