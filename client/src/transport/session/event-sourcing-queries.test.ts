import { describe, expect, it } from 'vitest';
import { selectReadModel } from '../../store/event-sourcing-slice';
import { chainDoc, createHarness, playing, settle } from './test-docs';

describe('event-sourcing queries', () => {
  it('reads nothing without a run', async () => {
    const h = createHarness(chainDoc('A', 'a'));
    await h.session.readProjection('view');
    expect(h.fake.sentOf('projection:read')).toEqual([]);
  });

  it('reads a projection as of the hop on screen: the newest while live, the stepped-back one after', async () => {
    const h = await playing();
    await h.session.readProjection('view');
    h.store.setState({
      live: {
        ...h.store.getState().live,
        hops: [1, 2, 3].map((seq) => ({
          seq,
          t: seq,
          type: 'produced' as const,
          event: 'e',
          trace: 't',
          node: 'ap',
        })),
      },
    });
    h.store.getState().setStepCursor(0);
    await h.session.readProjection('view');
    expect(h.fake.sentOf('projection:read')).toEqual([
      { runId: h.runId, nodeId: 'view' },
      { runId: h.runId, nodeId: 'view', seq: 1 },
    ]);
    expect(selectReadModel(h.store.getState(), 'view')?.rows[0]?.state).toEqual({ run: h.runId, seq: 1 });
    expect(selectReadModel(h.store.getState(), 'other')).toBeNull();
  });

  it('drops an answer that arrives after the run ended, and never shows another run’s read model', async () => {
    const h = await playing();
    h.fake.hold = true;
    const late = h.session.readProjection('view');
    h.fake.hold = false;
    await h.session.newFlow();
    await settle();
    h.fake.release();
    await late;
    expect(h.store.getState().readModel).toBeNull();
  });
});
