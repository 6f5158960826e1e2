import type { Hop } from '@eventflow/shared';
import type { Locator } from '@playwright/test';
import { expect, test } from '../fixtures';
import { TraceClient } from '../pages/run-panel';

test.setTimeout(90_000);

const BACK = 10;
const NODES = ['orders', 'billing', 'shipping', 'analytics'] as const;

/** The number a badge reads ("in 12" → 12). */
async function figure(badge: Locator, which: 'in' | 'out', id: string): Promise<number> {
  const text = (await badge.getByTestId(`live.${id}.${which}`).textContent()) ?? '';
  return Number(/\d+/.exec(text)?.[0] ?? NaN);
}

/** What the server's own trace says each node's counters were right after hop `seq`. */
function countedAt(hops: Hop[], seq: number) {
  const upTo = hops.filter((h) => h.seq <= seq);
  const n = (pred: (h: Hop) => boolean) => upTo.filter(pred).length;
  const deliveredFirst = (node?: string) =>
    n((h) => h.type === 'delivered' && (h.attempt ?? 1) === 1 && (node === undefined || h.node === node));
  return {
    orders: { in: n((h) => h.type === 'published' && h.node === 'orders'), out: deliveredFirst() },
    billing: { in: n((h) => h.type === 'delivered' && h.node === 'billing'), out: 0 },
    shipping: { in: n((h) => h.type === 'delivered' && h.node === 'shipping'), out: 0 },
    analytics: { in: n((h) => h.type === 'delivered' && h.node === 'analytics'), out: 0 },
  };
}

test('stepped back, the node counters are those of that hop, tinted as the past; stepping forward to now brings the live ones back', async ({
  designer,
  run,
  page,
  baseURL,
}) => {
  await run.openExample(/fan-out/i);
  await run.setSpeed('0.5');
  await run.playUntilEvents();
  await expect(designer.node('Billing').getByTestId('live.billing.in')).not.toHaveText('in 0', {
    timeout: 20_000,
  });
  await run.pause();
  const badge = (id: string) => page.getByTestId(`live.${id}`);
  await expect(badge('orders')).not.toHaveClass(/is-past/);
  const live: Record<string, { in: number; out: number }> = {};
  for (const id of NODES)
    live[id] = { in: await figure(badge(id), 'in', id), out: await figure(badge(id), 'out', id) };

  for (let i = 0; i < BACK; i++) await run.button('Step back').click();
  await expect(page.getByRole('status', { name: 'Back in time' })).toBeVisible();
  for (const id of NODES) await expect(badge(id)).toHaveClass(/is-past/);
  // The badges say which hop they were counted at once the server's answer is in.
  await expect(badge('orders')).toHaveAttribute('data-seq', /^\d+$/);
  const seq = Number(await badge('orders').getAttribute('data-seq'));

  const trace = await TraceClient.connect(baseURL!, await run.sessionToken());
  try {
    const hops = await trace.allHops(await run.runId());
    expect(seq).toBeLessThan(hops.at(-1)!.seq);
    const expected = countedAt(hops, seq);
    let smaller = false;
    for (const id of NODES) {
      const shown = { in: await figure(badge(id), 'in', id), out: await figure(badge(id), 'out', id) };
      expect(shown, `${id} at hop ${seq}`).toEqual(expected[id]);
      expect(shown.in).toBeLessThanOrEqual(live[id]!.in);
      if (shown.in < live[id]!.in || shown.out < live[id]!.out) smaller = true;
    }
    expect(smaller, `${BACK} hops back, some counter reads less than live`).toBe(true);
  } finally {
    trace.close();
  }

  for (let i = 0; i < BACK; i++) await run.button('Step').click();
  await expect(page.getByRole('status', { name: 'Back in time' })).toHaveCount(0);
  for (const id of NODES) {
    await expect(badge(id)).not.toHaveClass(/is-past/);
    await expect(badge(id).getByTestId(`live.${id}.in`)).toHaveText(`in ${live[id]!.in}`);
    await expect(badge(id).getByTestId(`live.${id}.out`)).toHaveText(`out ${live[id]!.out}`);
  }
});
