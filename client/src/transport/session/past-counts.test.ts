import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { selectBackInTime, selectPastCounts } from '../../store/selectors';
import { PAST_COUNTS_DEBOUNCE_MS } from './past-counts';
import { chainDoc, playing } from './test-docs';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Lets the debounce run out and the fake's answer land. */
async function rest() {
  await vi.advanceTimersByTimeAsync(PAST_COUNTS_DEBOUNCE_MS + 1);
}

describe('counters while stepped back', () => {
  it('asks for the counts of the hop on screen, shows them, and goes back to live numbers on return', async () => {
    const h = await playing();
    h.fake.streamHops(h.runId, 4);
    expect(selectPastCounts(h.store.getState())).toBeNull();
    h.session.stepBack();
    h.session.stepBack();
    await rest();
    const seq = selectBackInTime(h.store.getState())!.seq;
    expect(h.fake.sentOf('run:metrics-at')).toEqual([{ runId: h.runId, seq }]);
    const past = selectPastCounts(h.store.getState());
    expect(past?.seq).toBe(seq);
    expect(past?.nodes.ap?.in).toBe(seq);
    h.session.toLive();
    expect(selectPastCounts(h.store.getState())).toBeNull();
    await rest();
    expect(h.fake.sentOf('run:metrics-at')).toHaveLength(1);
  });

  it('holding Step back asks once; an answer for a hop already left is dropped and the newest is asked', async () => {
    const h = await playing();
    h.fake.streamHops(h.runId, 6);
    h.session.stepBack();
    h.session.stepBack();
    h.session.stepBack();
    h.fake.hold = true;
    await rest();
    expect(h.fake.sentOf('run:metrics-at')).toHaveLength(1);
    const first = (h.fake.sentOf('run:metrics-at')[0] as { seq: number }).seq;
    // The user moves on while the question is out.
    h.session.stepBack();
    await rest();
    expect(h.fake.sentOf('run:metrics-at')).toHaveLength(1);
    h.fake.release();
    await rest();
    expect(selectPastCounts(h.store.getState())).toBeNull();
    const now = selectBackInTime(h.store.getState())!.seq;
    expect(now).toBe(first - 1);
    expect(h.fake.sentOf('run:metrics-at')).toEqual([
      { runId: h.runId, seq: first },
      { runId: h.runId, seq: now },
    ]);
    h.fake.release();
    await rest();
    expect(selectPastCounts(h.store.getState())?.seq).toBe(now);
  });

  it('an answer that arrives after the document (and its run) changed is not kept', async () => {
    const h = await playing();
    h.fake.streamHops(h.runId, 3);
    h.session.stepBack();
    h.fake.hold = true;
    await rest();
    expect(h.fake.sentOf('run:metrics-at')).toHaveLength(1);
    await h.session.openDocument(chainDoc('B', 'b'), { flowId: null, revision: null, saved: true });
    h.fake.releaseAll();
    await rest();
    expect(h.store.getState().pastCounts).toBeNull();
  });
});
