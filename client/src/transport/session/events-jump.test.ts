import { describe, expect, it } from 'vitest';
import { LIST_EVENTS } from './fake-channel';
import { playing } from './test-docs';
import { EVENTS_PAGE, eventIdOfInput } from './trace-queries';

describe('go to event', () => {
  it('reads an event number or id and nothing else', () => {
    expect(eventIdOfInput('640')).toBe('e640');
    expect(eventIdOfInput(' #640 ')).toBe('e640');
    expect(eventIdOfInput('E640')).toBe('e640');
    for (const bad of ['', '0', 'e0', '-3', '1.5', 'e12x', 'run-1:e3'])
      expect(eventIdOfInput(bad)).toBeUndefined();
  });

  it('loads the page at the event, says its row, and loads the rows above it when asked', async () => {
    const h = await playing();
    const sent = h.fake.sentOf('trace:query').length;
    expect(await h.session.jumpToEvent('#1640')).toEqual({
      ok: true,
      row: 1639,
      eventId: 'e1640',
      shown: 'e1640',
    });
    expect(h.fake.sentOf('trace:query').slice(sent)).toEqual([
      expect.objectContaining({ eventId: 'e1640', limit: EVENTS_PAGE }),
    ]);
    const ev = h.store.getState().events;
    expect(ev.offset).toBe(1639);
    expect(ev.rows[0]!.id).toBe('e1640');
    expect(ev.rows).toHaveLength(LIST_EVENTS - 1639);
    expect(ev.cursor).toBeUndefined();

    await h.session.loadEventsBefore();
    const above = h.store.getState().events;
    expect(above.offset).toBe(1639 - EVENTS_PAGE);
    expect(above.rows[0]!.id).toBe(`e${1640 - EVENTS_PAGE}`);
    expect(above.rows[EVENTS_PAGE]!.id).toBe('e1640');
    // A refresh starts again at the first loaded row, not at the top of the list.
    await h.session.loadEvents(false);
    expect(h.fake.sentOf('trace:query').at(-1)).toMatchObject({ eventId: `e${1640 - EVENTS_PAGE}` });
    expect(h.store.getState().events.offset).toBe(1639 - EVENTS_PAGE);
  });

  it('refuses what is not an event number without asking the server', async () => {
    const h = await playing();
    const sent = h.fake.sentOf('trace:query').length;
    expect(await h.session.jumpToEvent('twelve')).toMatchObject({ ok: false });
    expect(h.fake.sentOf('trace:query')).toHaveLength(sent);
  });

  it('says so when no event at or after the number is in the list', async () => {
    const h = await playing();
    expect(await h.session.jumpToEvent(`e${LIST_EVENTS + 5}`)).toMatchObject({ ok: false });
    expect(h.store.getState().events.rows).toEqual([]);
  });
});
