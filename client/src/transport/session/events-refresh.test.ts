import { describe, expect, it } from 'vitest';
import { watchEventsRefresh } from './events-refresh';
import { playing, settle } from './test-docs';

async function watched() {
  const h = await playing();
  let t = 0;
  const unsubscribe = watchEventsRefresh(h.store, h.session.loadEvents, () => t);
  await settle();
  const queries = () => h.fake.sentOf('trace:query').length;
  return { ...h, unsubscribe, queries, later: (ms: number) => (t += ms) };
}

describe('watchEventsRefresh', () => {
  it('reloads once a second at most while hops arrive', async () => {
    const h = await watched();
    const before = h.queries();
    h.later(2_000);
    h.fake.streamHops(h.runId, 1);
    await settle();
    h.later(500);
    h.fake.streamHops(h.runId, 1);
    await settle();
    expect(h.queries()).toBe(before + 1);
    h.unsubscribe();
  });

  it('holds a refresh asked for during a load and sends it when that load ends, once', async () => {
    const h = await watched();
    const before = h.queries();
    h.fake.hold = true;
    h.later(2_000);
    h.fake.streamHops(h.runId, 1);
    expect(h.queries()).toBe(before + 1);
    // The run ends, and hops arrive, while that page is on its way: nothing more is sent yet.
    h.fake.streamState(h.runId, 'completed');
    h.later(2_000);
    h.fake.streamHops(h.runId, 1);
    expect(h.queries()).toBe(before + 1);
    h.fake.hold = false;
    h.fake.releaseAll();
    await settle();
    // One more load, asked after the run ended, so the count it brings is the final one.
    expect(h.queries()).toBe(before + 2);
    expect(h.store.getState().events.loading).toBe(false);
    await settle();
    expect(h.queries()).toBe(before + 2);
    h.unsubscribe();
  });
});
