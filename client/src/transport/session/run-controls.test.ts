import { FlowDoc } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { selectBackInTime } from '../../store/selectors';
import { NO_PRODUCER } from '.';
import { createHarness, playing, settle } from './test-docs';

const noProducer = FlowDoc.parse({
  format: 'eventflow.flow',
  version: 1,
  name: 'Just a topic',
  nodes: [{ id: 't', kind: 'topic', position: { x: 0, y: 0 }, config: {} }],
  edges: [],
});

describe('run controls a new user meets first', () => {
  it.each([
    ['Play', (h: ReturnType<typeof createHarness>) => h.session.play()],
    ['Step', (h: ReturnType<typeof createHarness>) => h.session.step()],
  ])('%s on a flow without a producer says what to add and starts nothing', async (_what, act) => {
    const h = createHarness(noProducer);
    await act(h);
    expect(h.fake.sentOf('run:start')).toEqual([]);
    expect(h.store.getState().run).toMatchObject({ id: null, phase: 'idle' });
    expect(h.store.getState().toast?.message).toBe(NO_PRODUCER);
  });

  it('Step back shows an earlier hop as the past, and back to live follows the newest hop again', async () => {
    const h = await playing();
    h.fake.streamHops(h.runId, 2);
    expect(selectBackInTime(h.store.getState())).toBeNull();
    h.session.stepBack();
    h.session.stepBack();
    const past = selectBackInTime(h.store.getState());
    expect(past?.seq).toBe(3);
    expect(past?.t).toBe(30);
    h.session.toLive();
    expect(h.store.getState().stepCursor).toBeNull();
    expect(selectBackInTime(h.store.getState())).toBeNull();
  });

  it('Step pressed again while the first is on its way queues: each press lands one hop further, in order', async () => {
    const h = await playing();
    h.fake.hold = true;
    const presses = [h.session.step(), h.session.step(), h.session.step()];
    // Only one step is asked of the server at a time, and a Step back waits its turn behind them.
    await settle();
    expect(h.fake.sentOf('run:step')).toHaveLength(1);
    h.session.stepBack();
    for (let i = 0; i < 3; i++) {
      h.fake.releaseAll();
      await settle();
    }
    await Promise.all(presses);
    await settle();
    expect(h.fake.sentOf('run:step')).toHaveLength(3);
    const { live, stepCursor } = h.store.getState();
    const seqs = live.hops.map((x) => x.seq);
    expect(seqs).toHaveLength(6);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    // Three steps forward, then the queued Step back: one behind the newest hop.
    expect(stepCursor).toBe(seqs.length - 2);
  });

  it('Take broker down asks the live run, owner-only on the server; without a live run it sends nothing', async () => {
    const idle = createHarness(noProducer);
    expect(await idle.session.setTopicDown('t', true)).toBe(false);
    expect(idle.fake.sentOf('run:topic-outage')).toEqual([]);
    const h = await playing();
    expect(await h.session.setTopicDown('orders', true)).toBe(true);
    expect(h.fake.sentOf('run:topic-outage')).toEqual([{ runId: h.runId, nodeId: 'orders', down: true }]);
  });
});
