import { describe, expect, it } from 'vitest';
import { playing } from './test-docs';

describe('the events list filter', () => {
  it('keeps the rows on screen when the filter set is the one already in force (a filter bar mounting again)', async () => {
    const h = await playing();
    const before = h.store.getState().events;
    expect(before.rows.length).toBeGreaterThan(0);
    const shown: number[] = [];
    const off = h.store.subscribe((s) => shown.push(s.events.rows.length));
    const sent = h.fake.sentOf('trace:query').length;
    // The Events tab opened again after the run's end: its filter bar settles on the empty filter.
    await h.session.setFilter({});
    off();
    expect(shown).not.toContain(0);
    expect(h.store.getState().events.rows).toEqual(before.rows);
    expect(h.fake.sentOf('trace:query')).toHaveLength(sent);
  });

  it('starts again from the top for a filter that differs, and for a return to none', async () => {
    const h = await playing();
    const generation = h.store.getState().events.generation;
    await h.session.setFilter({ outcome: 'acked', type: 'T' });
    expect(h.fake.sentOf('trace:query').at(-1)).toMatchObject({ filter: { outcome: 'acked', type: 'T' } });
    expect(h.store.getState().events.generation).toBe(generation + 1);
    // The same filter again, its fields in another order: still the same filter.
    await h.session.setFilter({ type: 'T', outcome: 'acked' });
    expect(h.store.getState().events.generation).toBe(generation + 1);
    await h.session.setFilter({});
    expect(h.fake.sentOf('trace:query').at(-1)).toMatchObject({ filter: {} });
    expect(h.store.getState().events.generation).toBe(generation + 2);
  });
});
