import { afterEach, describe, expect, it, vi } from 'vitest';
import { FLOW_SEND_MS, POINTER_MS, throttle } from './workshop-presenter';
import { settle } from './test-docs';
import { PRESENTED, workshopTab } from './workshop-test-support';

type Patch = { patch: Record<string, unknown> };

afterEach(() => {
  vi.useRealTimers();
});

describe('what the presenter sends the room', () => {
  it('sends an edit after a pause, and a new run only after the drawing it runs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const t = workshopTab();
    t.store.getState().loadDoc(PRESENTED, { flowId: null, revision: null, saved: true });
    await t.session.startWorkshop('Ada');
    await t.session.play();
    await settle();
    const patches = () => (t.fake.sentOf('room:presenter-state') as Patch[]).map((p) => Object.keys(p.patch));
    const before = patches().length;
    // A topology edit ends the run (detached at once); the flow follows once typing pauses.
    t.store.getState().addNode('topic', { x: 600, y: 0 });
    await settle();
    expect(patches().slice(before)).toEqual([['runId']]);
    expect(t.fake.rooms.rooms.get('ABC234')?.run).toBeNull();
    // Play before the pause is over: the flow goes first, so attendees never watch a run of another drawing.
    await t.session.play();
    await settle();
    expect(patches().slice(before)).toEqual([['runId'], ['flow'], ['runId']]);
    vi.advanceTimersByTime(FLOW_SEND_MS);
    await settle();
    expect(patches().slice(before)).toEqual([['runId'], ['flow'], ['runId']]);
    t.store.getState().setName('Orders, live');
    vi.advanceTimersByTime(FLOW_SEND_MS - 1);
    expect(patches().slice(before)).toHaveLength(3);
    vi.advanceTimersByTime(1);
    await settle();
    expect(patches().at(-1)).toEqual(['flow']);
    expect(t.fake.rooms.rooms.get('ABC234')?.flow.name).toBe('Orders, live');
  });

  it('throttles the pointer to one send per interval, always ending on the newest position', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const sent: number[] = [];
    const pointer = throttle<number>(POINTER_MS, (x) => sent.push(x));
    for (let x = 1; x <= 10; x += 1) pointer.push(x);
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(POINTER_MS);
    expect(sent).toEqual([1, 10]);
    vi.advanceTimersByTime(POINTER_MS * 3);
    expect(sent).toEqual([1, 10]);
    pointer.push(11);
    expect(sent).toEqual([1, 10, 11]);
  });
});
