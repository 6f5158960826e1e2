import { expect, type Locator, type Page } from '@playwright/test';

/** Workshop mode as a presenter or an attendee sees it: by role, name and the few test ids it has. */
export class WorkshopPage {
  readonly panel: Locator;
  readonly indicator: Locator;
  readonly ended: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole('region', { name: 'Workshop' });
    this.indicator = page.getByTestId('follow.indicator');
    this.ended = page.getByTestId('workshop.ended');
  }

  private toolbarButton(name: string): Locator {
    return this.page.getByRole('toolbar', { name: 'Main toolbar' }).getByRole('button', { name });
  }

  /** Starts a workshop as `name`; returns the join code as shown (`ABC-234`) and the join link. */
  async start(name: string): Promise<{ code: string; url: string }> {
    await this.toolbarButton('Start a workshop').click();
    const dialog = this.page.getByRole('dialog', { name: 'Start a workshop' });
    await dialog.getByLabel('Your name').fill(name);
    await dialog.getByRole('button', { name: 'Start workshop' }).click();
    await expect(dialog).toBeHidden();
    const code = this.panel.getByTestId('workshop.code');
    await expect(code).toHaveText(/^[2-9A-Z]{3}-[2-9A-Z]{3}$/);
    await expect(this.panel.getByTestId('workshop.qr')).toBeVisible();
    return {
      code: (await code.textContent()) ?? '',
      url: await this.panel.getByTestId('workshop.url').inputValue(),
    };
  }

  private async submitJoin(name: string) {
    const dialog = this.page.getByRole('dialog', { name: 'Join a workshop' });
    await dialog.getByLabel('Your name').fill(name);
    await dialog.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(this.indicator).toHaveAttribute('data-mode', 'following');
  }

  /** Opens the join link (the join dialog comes up with its code) and joins as `name`. */
  async joinByLink(url: string, name: string) {
    await this.page.goto(url);
    await expect(
      this.page.getByRole('dialog', { name: 'Join a workshop' }).getByLabel('Workshop code'),
    ).not.toHaveValue('');
    await this.submitJoin(name);
  }

  /** Types the code off the projector into "Join a workshop". */
  async joinByCode(code: string, name: string) {
    await this.page.goto('/');
    await this.toolbarButton('Join a workshop').click();
    await this.page.getByRole('dialog', { name: 'Join a workshop' }).getByLabel('Workshop code').fill(code);
    await this.submitJoin(name);
  }

  attendees(): Locator {
    return this.panel.getByRole('list', { name: 'Attendees' }).getByRole('listitem');
  }

  /** Drags the empty canvas: the attendee's own pan. */
  async pan() {
    const pane = this.page.locator('.react-flow__pane');
    const box = await pane.boundingBox();
    if (!box) throw new Error('no canvas');
    const from = { x: box.x + 40, y: box.y + box.height - 60 };
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(from.x + 60, from.y - 30, { steps: 6 });
    await this.page.mouse.move(from.x + 120, from.y - 60, { steps: 6 });
    await this.page.mouse.up();
  }

  button(name: string): Locator {
    return this.indicator.getByRole('button', { name, exact: true });
  }

  async end() {
    await this.panel.getByRole('button', { name: 'End workshop' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'End the workshop?' });
    await dialog.getByRole('button', { name: 'End workshop' }).click();
    await expect(this.panel).toBeHidden();
  }

  /** The node id of the hop the canvas marks as current, or null. */
  async currentHopNode(): Promise<string | null> {
    const node = this.page.locator('.react-flow__node:has(.ef-node[aria-current="step"])');
    if ((await node.count()) === 0) return null;
    return node.first().getAttribute('data-id');
  }
}
