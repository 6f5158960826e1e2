import { topologyKey } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { selectWatchesPresenter } from '../../store/room-slice';
import { PRESENTERS_RUN, WORKSHOP_STORAGE_KEY } from '.';
import { FAKE_PRESENTER_KEY, FAKE_VIEW_KEY } from './fake-rooms';
import { chainDoc, settle } from './test-docs';
import { attendeeInRoom, PRESENTED, workshopTab } from './workshop-test-support';

describe('an attendee follows the presenter', () => {
  it('joins by a code typed any way, and shows the presenter’s flow and run at once', async () => {
    const t = await attendeeInRoom();
    const s = t.store.getState();
    expect(t.fake.sentOf('room:join')).toEqual([{ code: 'ABC234', name: 'Grace' }]);
    expect(s.room).toMatchObject({ role: 'attendee', code: 'ABC234', presenterName: 'Ada' });
    expect(s.room?.me).toMatchObject({ mode: 'following', name: 'Grace' });
    expect(topologyKey(s.present)).toBe(topologyKey(PRESENTED));
    expect(t.fake.sentOf('run:watch')).toEqual([{ runId: 'run-1', viewKey: FAKE_VIEW_KEY, fromSeq: 1 }]);
    expect(s.run.id).toBe('run-1');
    expect(s.live.hops.map((h) => h.event)).toEqual(['run-1:e4']);
    // Live facts of the presenter's run reach the attendee's canvas like those of a run of its own.
    t.fake.streamHops('run-1', 2);
    t.fake.streamState('run-1', 'running');
    expect(t.store.getState().live.lastSeq).toBe(6);
    expect(t.store.getState().run.phase).toBe('running');
    expect(JSON.parse(t.memory.items.get(WORKSHOP_STORAGE_KEY) ?? '{}')).toEqual({
      role: 'attendee',
      code: 'ABC234',
      name: 'Grace',
    });
  });

  it('marks the presenter’s selected event and the hop the presenter is on', async () => {
    const t = await attendeeInRoom();
    t.fake.rooms.present(t.code, { selection: { eventId: 'run-1:e9', hopSeq: null } });
    await settle();
    expect(t.fake.sentOf('trace:get')).toEqual([{ runId: 'run-1', eventId: 'run-1:e9' }]);
    const path = t.store.getState().selection?.path;
    const seq = path?.hops[0]?.seq;
    expect(seq).toBeDefined();
    t.fake.rooms.present(t.code, { selection: { eventId: 'run-1:e9', hopSeq: seq ?? 0 } });
    await settle();
    expect(t.store.getState().selection).toMatchObject({ eventId: 'run-1:e9', index: 0 });
    // Stepping with no event selected: the step cursor is on the presenter's hop.
    const last = t.store.getState().live.hops[0];
    t.fake.rooms.present(t.code, { selection: { eventId: null, hopSeq: last?.seq ?? 0 } });
    await settle();
    expect(t.store.getState().selection).toBeNull();
    expect(t.store.getState().stepCursor).toBe(0);
  });

  it('never stops, steps or edits the presenter’s run, whatever the attendee presses', async () => {
    const t = await attendeeInRoom();
    await t.session.play();
    await t.session.step();
    t.session.endRun();
    expect(t.fake.sentOf('run:start')).toHaveLength(1); // the presenter's own, from the test
    expect(t.fake.sentOf('run:stop')).toEqual([]);
    expect(t.fake.sentOf('run:step')).toEqual([]);
    expect(t.store.getState().toast?.message).toBe(PRESENTERS_RUN);
  });

  it('stops following on a pan, follows again on request, and a recall brings it back', async () => {
    const t = await attendeeInRoom();
    t.session.panned();
    expect(t.store.getState().room?.me?.mode).toBe('free');
    // The run and selection still follow: only the view is the attendee's own.
    expect(selectWatchesPresenter(t.store.getState())).toBe(true);
    t.session.followAgain();
    expect(t.store.getState().room?.me?.mode).toBe('following');
    t.session.panned();
    t.fake.rooms.present(t.code, { recall: true });
    expect(t.store.getState().room?.me).toMatchObject({ mode: 'following', recallSeen: 1 });
  });

  it('asks for a snapshot when a delta skips a version, and takes the flow it missed from it', async () => {
    const t = await attendeeInRoom();
    const other = chainDoc('Payments', 'p');
    const held = t.store.getState().room?.version ?? 0;
    t.fake.rooms.present(t.code, { flow: other, runId: null }, { skip: 1 });
    await settle();
    expect(t.fake.sentOf('room:sync')).toEqual([{ code: t.code }]);
    const s = t.store.getState();
    expect(s.room?.version).toBe(held + 2);
    expect(topologyKey(s.present)).toBe(topologyKey(other));
    expect(s.run.id).toBeNull();
  });

  it('shows “ended” when the presenter ends it, drops the run without stopping it, and forgets the room', async () => {
    const t = await attendeeInRoom();
    t.fake.rooms.end(t.code);
    const s = t.store.getState();
    expect(s.room?.ended).toBe('ended');
    expect(s.room?.me?.mode).toBe('ended');
    expect(s.run.id).toBeNull();
    expect(t.fake.sentOf('run:stop')).toEqual([]);
    expect(t.memory.items.has(WORKSHOP_STORAGE_KEY)).toBe(false);
    await t.session.leaveWorkshop();
    expect(t.store.getState().room).toBeNull();
  });

  it('resumes after a reconnect: joins again and watches from the first hop it does not hold', async () => {
    const t = await attendeeInRoom();
    t.fake.streamHops('run-1', 2);
    const held = t.store.getState().live.lastSeq;
    t.fake.reconnect();
    await settle();
    await settle();
    expect(t.fake.sentOf('room:join')).toHaveLength(2);
    // The run's stream is picked up from the first hop not held (by the resync of every run, then the
    // watch of the resumed room, which asks from after what the resync brought): nothing is fetched twice.
    expect(t.fake.sentOf('run:resync')).toEqual([{ runId: 'run-1', fromSeq: held + 1 }]);
    const watch = t.fake.sentOf('run:watch').at(-1) as { fromSeq: number; viewKey: string };
    expect(watch).toMatchObject({ viewKey: FAKE_VIEW_KEY, fromSeq: held + 2 });
    const seqs = t.store.getState().live.hops.map((h) => h.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(t.store.getState().room?.me?.mode).toBe('following');
  });

  it('forks into a sandbox of its own and comes back to the presenter', async () => {
    const t = await attendeeInRoom();
    t.session.fork();
    let s = t.store.getState();
    expect(s.room?.me?.mode).toBe('sandbox');
    expect(s.present.name).toBe('Orders (my copy)');
    expect(s.past).toEqual([]);
    expect(s.run.id).toBeNull();
    await t.session.play();
    s = t.store.getState();
    expect(s.run.id).toBe('run-2');
    // The presenter's flow moves on meanwhile; the sandbox does not change.
    t.fake.rooms.present(t.code, { spotlight: 'ot' });
    expect(t.store.getState().run.id).toBe('run-2');
    t.session.backToPresenter();
    await settle();
    s = t.store.getState();
    expect(t.fake.sentOf('run:stop')).toEqual([{ runId: 'run-2' }]);
    expect(s.room?.me?.mode).toBe('following');
    expect(s.run.id).toBe('run-1');
    expect(s.present.name).toBe('Orders');
  });

  it('runs its clock at the presenter’s speed, without telling the server anything', async () => {
    const t = await attendeeInRoom();
    t.fake.rooms.present(t.code, { speed: 5 });
    expect(t.store.getState().run.speed).toBe(5);
    expect(t.fake.sentOf('run:speed')).toEqual([]);
  });

  it('says what to do for a wrong code and for too many tries', async () => {
    const t = workshopTab();
    expect(await t.session.joinWorkshop('zzz-999', 'Grace')).toMatchObject({
      ok: false,
      code: 'unknown-room',
      message: expect.stringContaining('No workshop has the code ZZZ-999') as string,
    });
    expect(await t.session.joinWorkshop('ABC1O0', 'Grace')).toMatchObject({
      ok: false,
      code: 'invalid-payload',
    });
    t.fake.rooms.joinRefusal = { code: 'rate-limited', message: 'wait' };
    expect(await t.session.joinWorkshop('ABC234', 'Grace')).toMatchObject({
      ok: false,
      message: expect.stringContaining('Wait a few seconds') as string,
    });
    expect(await t.session.joinWorkshop('ABC234', ' \u202e ')).toMatchObject({
      ok: false,
      message: expect.stringContaining('Your name') as string,
    });
    expect(t.store.getState().room).toBeNull();
  });
});

describe('the presenter runs the room', () => {
  it('opens a room on the flow on screen, keeps the key in the tab only, and attaches each run', async () => {
    const t = workshopTab();
    t.store.getState().loadDoc(PRESENTED, { flowId: null, revision: null, saved: true });
    expect(await t.session.startWorkshop('Ada')).toBe(true);
    const s = t.store.getState();
    expect(s.room).toMatchObject({ role: 'presenter', code: 'ABC234', me: null });
    expect(JSON.stringify(s.room)).not.toContain(FAKE_PRESENTER_KEY);
    expect(JSON.parse(t.memory.items.get(WORKSHOP_STORAGE_KEY) ?? '{}')).toMatchObject({
      role: 'presenter',
      presenterKey: FAKE_PRESENTER_KEY,
    });
    await t.session.play();
    await settle();
    const patches = t.fake.sentOf('room:presenter-state') as { patch: Record<string, unknown> }[];
    expect(patches.map((p) => p.patch)).toContainEqual({ runId: 'run-1' });
    expect(t.store.getState().room?.run?.runId).toBe('run-1');
    await t.session.bringEveryone();
    expect(t.store.getState().room?.follow.recall).toBe(1);
    expect(t.store.getState().room?.follow.speed).toBe(1);
    await t.session.setSpeed(0.5);
    await settle();
    expect(t.store.getState().room?.follow.speed).toBe(0.5);
    await t.session.spotlight('ot');
    expect(t.store.getState().room?.follow.spotlight).toBe('ot');
  });

  it('sends the selected event and hop, and ends the workshop for everyone', async () => {
    const t = workshopTab();
    t.store.getState().loadDoc(PRESENTED, { flowId: null, revision: null, saved: true });
    await t.session.startWorkshop();
    await t.session.play();
    t.fake.streamHops('run-1', 2);
    await t.session.selectEvent('run-1:e1');
    await settle();
    const last = (t.fake.sentOf('room:presenter-state') as { patch: { selection?: unknown } }[])
      .map((p) => p.patch.selection)
      .filter((x) => x !== undefined)
      .at(-1);
    expect(last).toMatchObject({ eventId: 'run-1:e1' });
    await t.session.endWorkshop();
    expect(t.fake.sentOf('room:end')).toEqual([{ code: 'ABC234' }]);
    expect(t.store.getState().room).toBeNull();
    expect(t.memory.items.has(WORKSHOP_STORAGE_KEY)).toBe(false);
  });

  it('claims the room back with the key after a reconnect, whichever session the tab has then', async () => {
    const t = workshopTab();
    t.store.getState().loadDoc(PRESENTED, { flowId: null, revision: null, saved: true });
    await t.session.startWorkshop();
    t.fake.reconnect();
    await settle();
    expect(t.fake.sentOf('room:claim')).toEqual([{ code: 'ABC234', presenterKey: FAKE_PRESENTER_KEY }]);
    expect(t.store.getState().room).toMatchObject({ role: 'presenter', code: 'ABC234', ended: null });
  });

  it('takes the workshop up again after a reload, as presenter and as attendee', async () => {
    const t = workshopTab();
    t.store.getState().loadDoc(PRESENTED, { flowId: null, revision: null, saved: true });
    await t.session.startWorkshop('Ada');
    const reloaded = workshopTab(t.fake);
    for (const [k, v] of t.memory.items) reloaded.memory.items.set(k, v);
    await reloaded.session.resumeAfterReload(null);
    expect(reloaded.store.getState().room).toMatchObject({ role: 'presenter', code: 'ABC234' });
    expect(t.fake.sentOf('room:claim')).toHaveLength(1);

    const a = await attendeeInRoom();
    const again = workshopTab(a.fake);
    for (const [k, v] of a.memory.items) again.memory.items.set(k, v);
    expect(await again.session.resumeAfterReload(null)).toBe(true);
    await settle();
    const s = again.store.getState();
    expect(s.room?.me).toMatchObject({ mode: 'following', name: 'Grace' });
    expect(s.run.id).toBe('run-1');
    expect(s.present.name).toBe('Orders');
  });
});
