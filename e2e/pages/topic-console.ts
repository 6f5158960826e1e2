import { expect, type Locator, type Page } from '@playwright/test';

/** The topic and group console, by role and name. */
export class TopicConsolePanel {
  readonly panel: Locator;

  constructor(
    readonly page: Page,
    topicLabel: string,
  ) {
    this.panel = page.getByRole('complementary', { name: `Console of ${topicLabel}` });
  }

  partitionTab(partition: number): Locator {
    return this.panel
      .getByRole('tablist', { name: 'Partitions' })
      .getByRole('tab', { name: new RegExp(`^P${partition} `) });
  }

  /** The partition with the most retained entries, read from the partition tabs' names (`P1 18`). */
  async busiestPartition(): Promise<number> {
    const names = await this.panel
      .getByRole('tablist', { name: 'Partitions' })
      .getByRole('tab')
      .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    const counts = names.map((n) => Number(/^P\d+\s+([\d,]+)/.exec(n.trim())?.[1]?.replace(/,/g, '') ?? 0));
    return counts.indexOf(Math.max(...counts));
  }

  entries(partition: number): Locator {
    return this.panel.getByRole('listbox', { name: `Partition ${partition} log` }).getByRole('option');
  }

  entry(partition: number, offset: number): Locator {
    return this.panel
      .getByRole('listbox', { name: `Partition ${partition} log` })
      .getByRole('option', { name: new RegExp(`^offset ${offset} `) });
  }

  groupRow(group: string): Locator {
    return this.panel
      .getByRole('table', { name: 'Consumer groups' })
      .getByRole('row', { name: new RegExp(`^${group}: lag `) });
  }

  /** The group's total lag, read from its row's accessible name. */
  async lag(group: string): Promise<number> {
    const name = (await this.groupRow(group).getAttribute('aria-label')) ?? '';
    return Number(/lag (\d+)/.exec(name)?.[1] ?? NaN);
  }

  async replay(group: string, from: { offset: number } | { timeMs: number }) {
    const form = this.panel.getByRole('form', { name: 'Replay a consumer group' });
    await form.getByLabel('Group to replay').selectOption(group);
    if ('offset' in from) {
      await form.getByLabel('Replay from').selectOption('offset');
      await form.getByLabel('From offset').fill(String(from.offset));
    } else {
      await form.getByLabel('Replay from').selectOption('time');
      await form.getByLabel('From simulated time in ms').fill(String(from.timeMs));
    }
    await form.getByRole('button', { name: 'Replay' }).click();
  }

  async close() {
    await this.panel.getByRole('button', { name: 'Close console' }).click();
    await expect(this.panel).toBeHidden();
  }
}
