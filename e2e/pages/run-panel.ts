import { PROTOCOL_VERSION, type Hop, type ResyncReply, type Result, type TracePath } from '@eventflow/shared';
import { expect, type Locator, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';

/** Where the client keeps its per-tab session token (client/src/transport/socket.ts). */
const SESSION_STORAGE_KEY = 'eventflow.session';

/** The run toolbar, the Events tab and the selected event's step-through, by role and name. */
export class RunPanel {
  readonly controls: Locator;
  readonly events: Locator;
  readonly detail: Locator;
  readonly stepper: Locator;

  constructor(readonly page: Page) {
    this.controls = page.getByRole('group', { name: 'Run controls' });
    this.events = page.getByRole('listbox', { name: 'Events', exact: true });
    this.detail = page.locator('.ef-detail');
    this.stepper = page.getByRole('group', { name: 'Step through hops' });
  }

  button(name: 'Play' | 'Pause' | 'Step' | 'Step back' | 'Reset' | 'Stop'): Locator {
    return this.controls.getByRole('button', { name, exact: true });
  }

  async openExample(name: RegExp) {
    await this.page.getByRole('button', { name: 'Browse examples' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Open a flow' });
    await dialog.getByRole('list', { name: 'Examples' }).getByRole('button', { name }).click();
    await expect(dialog).toBeHidden();
  }

  async phase(): Promise<string> {
    return (await this.controls.getAttribute('data-phase')) ?? '';
  }

  async runId(): Promise<string> {
    await expect(this.controls).not.toHaveAttribute('data-run-id', '');
    return (await this.controls.getAttribute('data-run-id')) ?? '';
  }

  async setSpeed(speed: string) {
    await this.controls.getByLabel('Speed').selectOption(speed);
  }

  /** The events list row of one event (its accessible name starts with the id). */
  row(eventId: string): Locator {
    return this.events.getByRole('option', { name: new RegExp(`^${eventId} `) });
  }

  rows(): Locator {
    return this.events.getByRole('option');
  }

  async filter(label: 'type' | 'key' | 'payload text', value: string) {
    await this.page.getByLabel(`Filter by ${label}`).fill(value);
  }

  async filterOutcome(outcome: string) {
    await this.page.getByLabel('Filter by outcome').selectOption(outcome);
  }

  /** The canvas node marked as the current hop (aria-current="step"). */
  currentNode(): Locator {
    return this.page.locator('.ef-node[aria-current="step"]');
  }

  pathNodes(): Locator {
    return this.page.locator('.ef-node[aria-current]');
  }

  position(): Locator {
    return this.page.getByTestId('trace.position');
  }

  /** The tab's session token (kept per tab in sessionStorage), or null when the server issued none. */
  async sessionToken(): Promise<string | null> {
    return this.page.evaluate((key) => sessionStorage.getItem(key), SESSION_STORAGE_KEY);
  }

  clock(): Locator {
    return this.page.getByTestId('run.clock');
  }

  hopCard(): Locator {
    return this.page.getByLabel('Hop detail', { exact: true });
  }

  /** The selected event's waterfall bars (their accessible names say where and when). */
  spans(): Locator {
    return this.page.getByLabel('Timeline', { exact: true }).getByRole('listitem');
  }

  liveBadges(): Locator {
    return this.page.getByTestId(/^live\.[^.]+$/);
  }

  /** Nothing of a run is left on screen: no events, clock at zero, no hop card, no path, no live badges. */
  async expectNoTrace() {
    await expect(this.rows()).toHaveCount(0);
    await expect(this.clock()).toHaveText('0 ms');
    await expect(this.hopCard()).toHaveCount(0);
    await expect(this.stepper).toHaveCount(0);
    await expect(this.spans()).toHaveCount(0);
    await expect(this.pathNodes()).toHaveCount(0);
    await expect(this.liveBadges()).toHaveCount(0);
  }

  /** Plays until the events list shows at least one event. */
  async playUntilEvents() {
    await this.button('Play').click();
    await expect(this.rows().first()).toBeVisible({ timeout: 20_000 });
  }

  /** Pauses; pausing opens the Run summary, so this goes back to the Events tab the journeys continue in. */
  async pause() {
    await this.button('Pause').click();
    await expect(this.controls).toHaveAttribute('data-phase', 'paused');
    await this.backToEvents();
  }

  summaryTab(): Locator {
    return this.page.getByRole('tab', { name: 'Run summary', exact: true });
  }

  summary(): Locator {
    return this.page.getByRole('region', { name: 'Run summary', exact: true });
  }

  /** The run paused or ended, which opens the Run summary: waits for that, then shows the Events tab again. */
  async backToEvents() {
    await expect(this.summaryTab()).toHaveAttribute('aria-selected', 'true');
    const tab = this.page.getByRole('tab', { name: /^Events/ });
    await tab.click();
    await expect(this.events).toBeVisible();
    // The list mounts afresh and draws its rows a frame later: wait for them when the run has events.
    if (Number(/\d+/.exec((await tab.textContent()) ?? '')?.[0] ?? 0) > 0)
      await expect(this.rows().first()).toBeVisible();
  }

  /** One cell of the Run summary's group table: the row of `figure`, the column of `group`. */
  async groupFigure(figure: string, group: string): Promise<string> {
    const table = this.summary().getByRole('table', { name: 'Outcomes per consumer group' });
    const columns = await table.getByRole('columnheader').allTextContents();
    const column = columns.indexOf(group);
    expect(column, `a ${group} column in ${columns.join(', ')}`).toBeGreaterThan(0);
    const row = table
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: figure, exact: true }) });
    // The row header is the first column, so the group's cell is column − 1 among the data cells.
    return (
      (await row
        .getByRole('cell')
        .nth(column - 1)
        .textContent()) ?? ''
    );
  }

  /** Where each waterfall bar of the selected event is: node ids or consumer groups. */
  async spanPlaces(): Promise<string[]> {
    await expect(this.spans().first()).toBeVisible();
    const names = await this.spans().evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    return names.map((n) => / at ([^:]+): /.exec(n)?.[1] ?? `unreadable span "${n}"`);
  }

  /** From the first hop of the selected event, steps through every hop and returns the node each card names. */
  async hopNodes(): Promise<string[]> {
    await expect(this.position()).toHaveText(/^Hop 1 of \d+$/);
    const count = Number(/of (\d+)/.exec((await this.position().textContent()) ?? '')?.[1] ?? 0);
    expect(count, 'the selected event has hops').toBeGreaterThan(0);
    const seen: string[] = [];
    for (let i = 0; i < count; i++) {
      await expect(this.position()).toHaveText(`Hop ${i + 1} of ${count}`);
      seen.push((await this.page.getByTestId('hop.node').textContent()) ?? '');
      if (i < count - 1) await this.stepper.getByRole('button', { name: 'Next hop' }).click();
    }
    return seen;
  }
}

/**
 * A second socket on the same server, to read the server's own trace of a run. A run answers only to the
 * session that started it, so pass the page's token (`RunPanel.sessionToken()`) to read that page's runs;
 * without one the client is a session of its own, a stranger to every run it did not start.
 */
export class TraceClient {
  private constructor(private readonly socket: Socket) {}

  static async connect(baseURL: string, sessionToken?: string | null): Promise<TraceClient> {
    const socket = io(baseURL, { transports: ['websocket'] });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const hello = (await socket.emitWithAck('session:hello', {
      protocolVersion: PROTOCOL_VERSION,
      ...(sessionToken ? { sessionToken } : {}),
    })) as Result<unknown>;
    if (!hello.ok) throw new Error(hello.message);
    return new TraceClient(socket);
  }

  /** Any command, answered as the server answers it: for asserting refusals. */
  async command(name: string, payload: unknown): Promise<Result<unknown>> {
    return (await this.socket.emitWithAck(name, payload)) as Result<unknown>;
  }

  async path(runId: string, eventId: string): Promise<TracePath> {
    const r = (await this.socket.emitWithAck('trace:get', { runId, eventId })) as Result<TracePath>;
    if (!r.ok) throw new Error(r.message);
    return r.value;
  }

  async allHops(runId: string): Promise<Hop[]> {
    const r = (await this.socket.emitWithAck('run:resync', { runId, fromSeq: 0 })) as Result<ResyncReply>;
    if (!r.ok) throw new Error(r.message);
    return r.value.hops;
  }

  close() {
    this.socket.close();
  }
}
