import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '../fixtures';
import { exampleFlow } from '../pages/flow-files';

// A server of its own, configured with a broker: the shared one offers the simulator only.
const PORT = Number(process.env.E2E_BROKER_PORT ?? 3311);
const REDIS = 'redis://127.0.0.1:6379';
const ROOT = path.resolve(import.meta.dirname, '../..');

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host: '127.0.0.1', port, timeout: 500 });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    s.once('timeout', () => (s.destroy(), resolve(false)));
  });

let server: ChildProcess | undefined;
test.beforeAll(async () => {
  test.skip(!(await answers(6379)) && process.env.EVENTFLOW_REQUIRE_BROKERS !== '1', 'no Redis on 6379');
  // Another process on the port would be served instead of this build: refuse rather than test the wrong server.
  if (await answers(PORT)) throw new Error(`port ${PORT} is taken: set E2E_BROKER_PORT to a free one`);
  // Node itself (not npx) so that killing it at the end stops the server, not only a wrapper.
  server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(PORT),
      EVENTFLOW_BROKERS: REDIS,
      EVENTFLOW_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'eventflow-broker-e2e-')),
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 120 && !(await answers(PORT)); i++) await new Promise((r) => setTimeout(r, 250));
});
test.afterAll(() => {
  server?.kill();
});
test.use({ baseURL: `http://127.0.0.1:${PORT}` });
test.setTimeout(90_000);

test('a user picks Redis next to Play and steps through real deliveries of the drawn flow', async ({
  designer,
  run,
  page,
  pageErrors,
}) => {
  await designer.importFile(exampleFlow('retries-dead-letter').path);
  const picker = run.controls.getByLabel('Runtime');
  await expect(picker).toHaveValue('simulator');
  await picker.selectOption('redis');
  // What the broker cannot do is said where it is picked, and which broker the run goes to is in the status bar.
  await expect(page.getByTestId('status.runtime')).toHaveText(
    'Runs on Redis Streams · redis://127.0.0.1:6379',
  );
  await expect(run.controls.getByLabel('Speed')).toBeDisabled();

  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
  await expect(picker).toBeEnabled();
  // The Run summary sets the broker run beside the simulator's run of the same flow and seed.
  const compare = run.summary().getByRole('table', { name: 'Simulator vs Redis Streams' });
  await expect(compare).toBeVisible();
  await expect(compare.getByRole('row', { name: /^Events produced 25 25/ })).toBeVisible();
  await run.backToEvents();
  await expect(run.rows().first()).toBeVisible();
  // A retried event: its redelivery came from Redis, and the step card says where the message lives there.
  await run.filterOutcome('dead-lettered');
  await expect(run.rows().first()).toBeVisible();
  await run.rows().first().click();
  const places = await run.spanPlaces();
  expect(places).toContain('charger');
  // Step to its first delivery: the card names the Redis stream, the entry id and Redis's delivery count.
  const card = page.getByLabel('Hop detail');
  for (let i = 0; i < 8 && (await card.getByTestId('hop.hop').textContent()) !== 'delivered'; i++)
    await page.getByRole('button', { name: 'Next hop' }).click();
  await expect(card.getByTestId('hop.on-the-broker')).toHaveText(
    /^redis · eventflow:[0-9a-z-]+:charges:[01]$/,
  );
  await expect(card.getByTestId('hop.broker-message-id')).toHaveText(/^\d+-\d+$/);
  await expect(card.getByTestId('hop.broker-deliveries')).toHaveText('1');
  expect(pageErrors).toEqual([]);
});
