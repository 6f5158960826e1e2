import { describe, expect, it } from 'vitest';
import { selectConsoleView } from '../../store/selectors';
import { chainDoc, createHarness, playing, settle } from './test-docs';

describe('the topic console', () => {
  it('opens without a run and reads nothing until one is live', async () => {
    const h = createHarness(chainDoc('A', 'a'));
    await h.session.openConsole('at');
    expect(h.store.getState().topicConsole).toMatchObject({ nodeId: 'at', partition: 0, view: null });
    expect(h.fake.sentOf('topic:read')).toEqual([]);
  });

  it('reads the topic of the current run, one partition at a time', async () => {
    const h = await playing();
    await h.session.openConsole('at');
    await h.session.showPartition(2);
    expect(h.fake.sentOf('topic:read')).toEqual([
      { runId: h.runId, nodeId: 'at', partition: 0, limit: 1000 },
      { runId: h.runId, nodeId: 'at', partition: 2, limit: 1000 },
    ]);
    const view = selectConsoleView(h.store.getState());
    expect(view?.partitions[0]?.events.map((e) => e.eventId)).toEqual([`${h.runId}:e1`, `${h.runId}:e2`]);
  });

  it('drops an answer that arrives after the run was ended by a new document, and never shows a view of another run', async () => {
    const h = await playing();
    await h.session.openConsole('at');
    const before = h.store.getState().topicConsole?.view;
    expect(before).not.toBeNull();
    h.fake.hold = true;
    const late = h.session.refreshConsole();
    h.fake.hold = false;
    await h.session.newFlow();
    await settle();
    h.fake.release();
    await late;
    expect(h.store.getState().run.id).toBeNull();
    // The late answer was not taken in (it would be a new object), and the earlier view is hidden.
    expect(h.store.getState().topicConsole?.view).toBe(before);
    expect(selectConsoleView(h.store.getState())).toBeNull();
  });

  it('replays a group from a time or an offset, then reads the topic again', async () => {
    const h = await playing();
    await h.session.openConsole('at');
    expect(await h.session.replayGroup('ac', { fromTime: 120 })).toBe(true);
    expect(await h.session.replayGroup('ac', { fromOffset: 0 })).toBe(true);
    expect(h.fake.sentOf('group:replay')).toEqual([
      { runId: h.runId, nodeId: 'ac', fromTime: 120 },
      { runId: h.runId, nodeId: 'ac', fromOffset: 0 },
    ]);
    expect(h.fake.sentOf('topic:read')).toHaveLength(3);
  });

  it('says why a replay was refused', async () => {
    const h = await playing();
    h.fake.refuse = { code: 'forbidden', message: 'run run-1 belongs to another session' };
    expect(await h.session.replayGroup('ac', { fromOffset: 0 })).toBe(false);
    expect(h.store.getState().toast).toEqual({
      message: 'Replay refused: run run-1 belongs to another session',
      tone: 'error',
    });
  });
});
